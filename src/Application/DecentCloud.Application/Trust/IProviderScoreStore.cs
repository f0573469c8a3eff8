using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Trust;

/// <summary>Stored provider scores (table <c>provider_scores</c>), recomputed by the <c>recompute-scores</c> job.</summary>
public interface IProviderScoreStore
{
    /// <summary>Adds an empty, due row for every provider that has contracts or a profile but no stored score yet.</summary>
    Task<int> AddMissingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> providers whose score was computed before <paramref name="computedBefore"/>,
    /// locked for this transaction (PostgreSQL: rows other instances hold are skipped, so each is computed once).
    /// </summary>
    Task<IReadOnlyList<ProviderId>> LockDueAsync(DateTimeOffset computedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>Locks the provider's row (waiting for another writer), adding it when missing.</summary>
    Task LockAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Writes the scores (insert or replace).</summary>
    Task SaveAsync(ProviderScores scores, CancellationToken cancellationToken);

    /// <summary>The stored scores of <paramref name="providerId"/>, if computed.</summary>
    Task<ProviderScores?> FindAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>
    /// Computed scores, best first: trust (providers without enough data last), then reliability, then provider id;
    /// <paramref name="limit"/> plus one rows so the caller knows whether a next page exists.
    /// </summary>
    Task<IReadOnlyList<ProviderScores>> LeaderboardAsync(int offset, int limit, CancellationToken cancellationToken);
}
