using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Payouts;

/// <summary>What providers are owed (their <c>released</c> rows) and the payouts that paid them.</summary>
public interface IPayoutStore
{
    /// <summary>Per provider with released, unpaid rows: the sum of their net amounts, their count and the oldest; biggest total first.</summary>
    Task<IReadOnlyList<PendingPayout>> ListPendingAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The provider's rows in state <c>released</c>: all of them, or those among <paramref name="releaseIds"/> (a
    /// named row that is not the provider's or not released is simply not returned).
    /// </summary>
    Task<IReadOnlyList<PaymentRelease>> ListReleasedAsync(ProviderId providerId, IReadOnlyCollection<Guid>? releaseIds, CancellationToken cancellationToken);

    /// <summary>Whether a payout of <paramref name="rail"/> already holds <paramref name="externalReference"/>.</summary>
    Task<bool> ReferenceTakenAsync(string rail, string externalReference, CancellationToken cancellationToken);

    /// <summary>
    /// Inside the caller's open transaction, all or nothing: writes <paramref name="payout"/> and moves exactly the
    /// rows <paramref name="releaseIds"/> from <c>released</c> to <c>paid_out</c> with a conditional update that must
    /// touch every one of them. When a row was paid or changed meanwhile, or the reference was taken meanwhile,
    /// nothing is written and the outcome says which.
    /// </summary>
    Task<PayoutWrite> TryRecordAsync(Payout payout, IReadOnlyCollection<Guid> releaseIds, CancellationToken cancellationToken);
}

/// <summary>How <see cref="IPayoutStore.TryRecordAsync"/> ended.</summary>
public enum PayoutWrite
{
    /// <summary>The payout is written and every named row is <c>paid_out</c>.</summary>
    Recorded,

    /// <summary>A named row was no longer <c>released</c> (another payout got it first); nothing written.</summary>
    ReleasesChanged,

    /// <summary>Another payout of the rail took the reference first; nothing written.</summary>
    ReferenceTaken,
}

/// <summary>What one provider is owed.</summary>
/// <param name="ProviderPubkey">The provider's id text.</param>
/// <param name="TotalPendingE9s">The sum of its released, unpaid rows' net amounts, in nano-USD.</param>
/// <param name="ReleaseCount">How many rows.</param>
/// <param name="OldestReleaseAt">When the oldest of them was released.</param>
public sealed record PendingPayout(string ProviderPubkey, long TotalPendingE9s, int ReleaseCount, DateTimeOffset OldestReleaseAt);
