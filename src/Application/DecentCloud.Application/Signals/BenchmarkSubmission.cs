using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>One renter's YABS run for an offering, as stored (<c>external_benchmarks</c>, one row per figure).</summary>
/// <param name="Id">The submission's id.</param>
/// <param name="OfferingId">The offering benchmarked.</param>
/// <param name="ProviderId">Its provider.</param>
/// <param name="AccountId">The renter that submitted it (never shown publicly).</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="YabsVersion">The YABS version that produced it.</param>
/// <param name="RanAt">When the run started.</param>
/// <param name="Benchmarks">Its figures.</param>
public sealed record BenchmarkSubmission(
    Guid Id,
    Guid OfferingId,
    string ProviderId,
    Guid AccountId,
    DateTimeOffset SubmittedAt,
    string YabsVersion,
    DateTimeOffset RanAt,
    IReadOnlyList<ExternalBenchmark> Benchmarks);
