using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Payouts;

/// <summary>
/// The automated payouts and the releases they hold. While a payout is open (planned or submitted) its releases are
/// reserved to it: not pending for another run nor for the manual path, and the database keeps a release in at most
/// one open payout and a provider with at most one.
/// </summary>
public interface IAutomatedPayoutStore
{
    /// <summary>Every provider with released rows that no open payout holds: the rows, their total and the provider's payout address.</summary>
    Task<IReadOnlyList<PayoutCandidate>> ListCandidatesAsync(CancellationToken cancellationToken);

    /// <summary>The open (planned or submitted) payouts, oldest first; of every token when <paramref name="token"/> is null.</summary>
    Task<IReadOnlyList<AutomatedPayout>> ListOpenAsync(string? token, CancellationToken cancellationToken);

    /// <summary>The payout, tracked for a change saved by the unit of work; <c>null</c> when there is none.</summary>
    Task<AutomatedPayout?> FindAsync(Guid payoutId, CancellationToken cancellationToken);

    /// <summary>A manual payout (rail <c>manual</c>) and the releases it paid; <c>null</c> when there is none.</summary>
    Task<(Payout Payout, IReadOnlyList<Guid> ReleaseIds)?> FindManualAsync(Guid payoutId, CancellationToken cancellationToken);

    /// <summary>Automated payouts, newest first, optionally of one state and token.</summary>
    Task<IReadOnlyList<AutomatedPayout>> ListAsync(AutomatedPayoutState? state, string? token, int skip, int take, CancellationToken cancellationToken);

    /// <summary>Manual payouts, newest first, with the releases each paid.</summary>
    Task<IReadOnlyList<(Payout Payout, IReadOnlyList<Guid> ReleaseIds)>> ListManualAsync(int skip, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Inside the caller's open transaction, all or nothing: writes the planned <paramref name="payout"/> and reserves
    /// exactly its releases, each only while still released and unreserved. False, with nothing written, when the
    /// provider already has an open payout (another run planned it first) or a release was taken meanwhile.
    /// </summary>
    Task<bool> TryPlanAsync(AutomatedPayout payout, CancellationToken cancellationToken);

    /// <summary>Whether a payout other than <paramref name="payoutId"/> is confirmed in block <paramref name="blockIndex"/> of <paramref name="ledgerCanisterId"/>.</summary>
    Task<bool> BlockTakenAsync(string ledgerCanisterId, long blockIndex, Guid payoutId, CancellationToken cancellationToken);

    /// <summary>Its reserved releases become <c>paid_out</c> by it (in the caller's transaction); returns how many.</summary>
    Task<int> MarkReleasesPaidAsync(Guid payoutId, CancellationToken cancellationToken);

    /// <summary>Its reserved releases return to pending (in the caller's transaction); returns how many.</summary>
    Task<int> ReturnReleasesAsync(Guid payoutId, CancellationToken cancellationToken);
}

/// <summary>A provider a run may pay.</summary>
/// <param name="ProviderId">The provider.</param>
/// <param name="ReleaseIds">Its released rows no open payout holds.</param>
/// <param name="TotalNanoUsd">The sum of their net amounts.</param>
/// <param name="PayoutAccount">Its payout account (ICRC-1 account text), or <c>null</c>.</param>
/// <param name="PayoutToken">Its payout token symbol, or <c>null</c>.</param>
public sealed record PayoutCandidate(ProviderId ProviderId, IReadOnlyList<Guid> ReleaseIds, long TotalNanoUsd, string? PayoutAccount, string? PayoutToken);
