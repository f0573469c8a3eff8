using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Signals;

/// <summary>Renters' benchmark submissions (<c>external_benchmarks</c>).</summary>
public interface IBenchmarkStore
{
    /// <summary>Whether the account has a contract on the offering whose machine was provisioned (it really rented it).</summary>
    Task<bool> HasProvisionedRentalAsync(Guid accountId, Guid offeringId, CancellationToken cancellationToken);

    /// <summary>How many submissions the account made for the offering since <paramref name="since"/>.</summary>
    Task<int> CountSubmissionsAsync(Guid accountId, Guid offeringId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Adds a submission (saved with the unit of work).</summary>
    void Add(BenchmarkSubmission submission);

    /// <summary>The offering's submissions, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<BenchmarkSubmission>> ListByOfferingAsync(Guid offeringId, int limit, CancellationToken cancellationToken);

    /// <summary>The submissions for the provider's offerings since <paramref name="since"/>, newest first.</summary>
    Task<IReadOnlyList<BenchmarkSubmission>> ListByProviderAsync(ProviderId providerId, DateTimeOffset since, CancellationToken cancellationToken);
}
