using DecentCloud.Application.Marketplace;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Signals;

/// <summary>The renters' benchmarks of an offering, newest first (<c>GET /api/v1/offerings/{id}/benchmarks</c>, public).</summary>
/// <param name="OfferingId">The offering's id as text.</param>
public sealed record ListBenchmarks(string? OfferingId) : IQuery<Result<IReadOnlyList<BenchmarkSubmission>>>
{
    /// <summary>Most submissions listed.</summary>
    public const int Limit = 50;
}

/// <summary>Handles <see cref="ListBenchmarks"/>.</summary>
internal sealed class ListBenchmarksHandler(IOfferingStore offerings, IBenchmarkStore benchmarks)
    : IQueryHandler<ListBenchmarks, Result<IReadOnlyList<BenchmarkSubmission>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<BenchmarkSubmission>>> Handle(ListBenchmarks query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var offering = await OfferingLookup.FindAsync(offerings, query.OfferingId, cancellationToken);
        if (offering.IsFailed)
        {
            return offering.ToResult<IReadOnlyList<BenchmarkSubmission>>();
        }

        return Result.Ok(await benchmarks.ListByOfferingAsync(offering.Value.Id, ListBenchmarks.Limit, cancellationToken));
    }
}
