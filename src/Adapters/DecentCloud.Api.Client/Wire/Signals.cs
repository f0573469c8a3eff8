namespace DecentCloud.Api.Client;

/// <summary>A renter's YABS run for an offering (<c>GET/POST /api/v1/offerings/{id}/benchmarks</c>).</summary>
/// <param name="Id">The submission's id.</param>
/// <param name="OfferingId">The offering benchmarked.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="YabsVersion">The YABS version that produced it.</param>
/// <param name="RanAt">When the run started.</param>
/// <param name="Figures">What it measured.</param>
public sealed record BenchmarkSubmissionDetails(Guid Id, Guid OfferingId, DateTimeOffset SubmittedAt, string YabsVersion, DateTimeOffset RanAt, IReadOnlyList<BenchmarkFigure> Figures);

/// <summary>One figure of a benchmark run.</summary>
/// <param name="Category"><c>cpu</c>, <c>disk</c> or <c>network</c>.</param>
/// <param name="Metric">E.g. <c>geekbench6_single</c>, <c>disk_write_4k_mbps</c>, <c>iperf_ipv4_recv_mbps</c>.</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit"><c>score</c>, <c>mbps</c> or <c>iops</c>.</param>
/// <param name="Context">Where within the run (an iperf location), if anywhere.</param>
public sealed record BenchmarkFigure(string Category, string Metric, decimal Value, string Unit, string? Context);

/// <summary><c>GET /api/v1/offerings/{id}/price-vs-market</c>: the offering's monthly price against comparable offerings'.</summary>
/// <param name="OfferingId">The offering.</param>
/// <param name="CpuClass">Its vCPU class (upper bound).</param>
/// <param name="MemoryClassGib">Its memory class in GiB (upper bound).</param>
/// <param name="StorageClassGb">Its disk class in GiB (upper bound).</param>
/// <param name="RegionClass">Its region class, e.g. <c>europe</c>.</param>
/// <param name="MonthlyPriceUsd">Its monthly price, decimal USD text.</param>
/// <param name="Comparables">How many offerings of other providers the average is over.</param>
/// <param name="MarketAverageUsd">Their average monthly price, or <c>null</c> without comparables.</param>
/// <param name="Percent">How far above (positive) or below the average, or <c>null</c> without comparables.</param>
/// <param name="FarOff">More than 50 % away from the average either way.</param>
public sealed record PriceVsMarketDetails(
    Guid OfferingId, int CpuClass, int MemoryClassGib, int StorageClassGb, string RegionClass, string MonthlyPriceUsd, int Comparables,
    string? MarketAverageUsd, decimal? Percent, bool FarOff);
