using System.Globalization;
using DecentCloud.Domain.Money.Payouts;
using DecentCloud.Domain.Money.Releases;

namespace DecentCloud.Application.Payouts;

/// <summary>A payout as shown (automated over ICRC-1, or manual); token amounts are base units as decimal integer text.</summary>
/// <param name="PayoutId">Its id.</param>
/// <param name="ProviderPubkey">The provider paid.</param>
/// <param name="Rail"><c>icrc1:{token}</c> or <c>manual</c>.</param>
/// <param name="State">The state's wire name (a manual payout: <c>confirmed</c>).</param>
/// <param name="ToAccount">The recipient.</param>
/// <param name="AmountE9s">Nano-USD paid.</param>
/// <param name="Token">The token sent.</param>
/// <param name="LedgerCanisterId">Its ledger.</param>
/// <param name="PriceUsd">USD per whole token used.</param>
/// <param name="GrossBaseUnits">Gross base units.</param>
/// <param name="AmountBaseUnits">The transfer's <c>amount</c>.</param>
/// <param name="FeeBaseUnits">The transfer's <c>fee</c>.</param>
/// <param name="MemoHex">The transfer's <c>memo</c>.</param>
/// <param name="CreatedAtTimeNanos">The transfer's <c>created_at_time</c>.</param>
/// <param name="Attempt">The attempt.</param>
/// <param name="BlockIndex">The block, once confirmed.</param>
/// <param name="FailureReason">Why it failed.</param>
/// <param name="ReleaseIds">The releases it pays.</param>
/// <param name="PlannedAt">When it was planned (or recorded).</param>
/// <param name="SettledAt">When it was confirmed or failed.</param>
public sealed record PayoutStatus(
    Guid PayoutId, string ProviderPubkey, string Rail, string State, string ToAccount, long AmountE9s, string? Token, string? LedgerCanisterId,
    decimal? PriceUsd, string? GrossBaseUnits, string? AmountBaseUnits, string? FeeBaseUnits, string? MemoHex, ulong? CreatedAtTimeNanos,
    int Attempt, string? BlockIndex, string? FailureReason, IReadOnlyList<Guid> ReleaseIds, DateTimeOffset PlannedAt, DateTimeOffset? SettledAt)
{
    /// <summary>The status of an automated payout.</summary>
    public static PayoutStatus Of(AutomatedPayout payout)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new(payout.Id, payout.ProviderId.Value, "icrc1:" + payout.Token, payout.State.ToWireName(), payout.ToAccount, payout.AmountNanoUsd,
            payout.Token, payout.LedgerCanisterId, payout.PriceUsd, Text(payout.GrossBaseUnits), Text(payout.AmountBaseUnits), Text(payout.FeeBaseUnits),
            payout.MemoHex, (ulong)payout.CreatedAtTimeNanos, payout.Attempt, payout.BlockIndex is { } block ? Text(block) : null, payout.FailureReason,
            payout.ReleaseIds, payout.PlannedAt, payout.SettledAt);
    }

    /// <summary>The status of a manual payout (confirmed when recorded).</summary>
    public static PayoutStatus Of(Payout payout, IReadOnlyList<Guid> releaseIds)
    {
        ArgumentNullException.ThrowIfNull(payout);
        return new(payout.Id, payout.ProviderId.Value, payout.Rail, AutomatedPayoutState.Confirmed.ToWireName(), payout.WalletAddress, payout.AmountNanoUsd,
            null, null, null, null, null, null, null, null, 1, null, null, releaseIds, payout.At, payout.At);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
