namespace DecentCloud.Api.Client;

/// <summary>
/// <c>POST /api/v1/admin/payout-runs</c>: plan an automated ICRC-1 payout run in one token. The caller (<c>dc-payout</c>) read
/// <paramref name="LedgerDecimals"/> and <paramref name="LedgerFee"/> from the token's ledger (<c>icrc1_decimals</c>,
/// <c>icrc1_fee</c>); the API converts each provider's pending USD with a fresh price of the token (409 <c>stale_price</c>
/// or <c>no_price</c> otherwise) and records every payout it plans — with its <c>created_at_time</c> and memo — before
/// anything is sent. Payouts already planned or submitted by an earlier run are returned again, unchanged (resume).
/// </summary>
/// <param name="Token">The payout token: <c>DC</c>, <c>ICP</c>, <c>ckUSDC</c> or <c>ckUSDT</c>; the run pays the providers whose payout address names it.</param>
/// <param name="LedgerDecimals">The ledger's <c>icrc1_decimals</c>.</param>
/// <param name="LedgerFee">The ledger's <c>icrc1_fee</c>, in base units (decimal integer text).</param>
/// <param name="DryRun">Compute and show the plan without recording anything.</param>
public sealed record PayoutRunRequest(string Token, int LedgerDecimals, string LedgerFee, bool DryRun = false);

/// <summary>The plan of a payout run (or of a dry run): what will be sent, to whom, and who is carried to a later run.</summary>
/// <param name="Token">The payout token.</param>
/// <param name="LedgerCanisterId">Its ledger canister.</param>
/// <param name="PriceUsd">USD per whole token used for the conversion (fresh).</param>
/// <param name="PriceAt">When that price was chosen.</param>
/// <param name="Decimals">The ledger's decimals used.</param>
/// <param name="Fee">The ledger's fee used, in base units.</param>
/// <param name="DryRun">Nothing was recorded.</param>
/// <param name="Payouts">The payouts to send: planned now, or left planned/submitted by an earlier run.</param>
/// <param name="Carried">Providers not paid in this run (dust below the minimum, or no payout address), their releases left pending.</param>
public sealed record PayoutRunPlan(
    string Token,
    string LedgerCanisterId,
    decimal PriceUsd,
    DateTimeOffset PriceAt,
    int Decimals,
    string Fee,
    bool DryRun,
    IReadOnlyList<AutomatedPayout> Payouts,
    IReadOnlyList<CarriedPayout> Carried);

/// <summary>
/// A payout over ICRC-1 (or, for <c>status</c>, a manual one): its state and the exact transfer arguments recorded before
/// the first send — a resend uses them unchanged, so the ledger answers <c>Duplicate</c> instead of paying twice.
/// Token amounts are base units as decimal integer text (ICRC-1 amounts are up to 128 bits).
/// </summary>
/// <param name="PayoutId">Its id.</param>
/// <param name="ProviderPubkey">The provider paid.</param>
/// <param name="Rail"><c>icrc1:{token}</c>, or <c>manual</c>.</param>
/// <param name="State"><c>planned</c>, <c>submitted</c>, <c>confirmed</c> or <c>failed</c> (a manual payout: <c>confirmed</c>).</param>
/// <param name="ToAccount">The recipient, ICRC-1 account text.</param>
/// <param name="AmountE9s">Nano-USD paid (the sum of its releases).</param>
/// <param name="Token">The token sent (null for a manual payout).</param>
/// <param name="LedgerCanisterId">Its ledger (null for a manual payout).</param>
/// <param name="PriceUsd">USD per whole token used.</param>
/// <param name="GrossBaseUnits">The USD amount in the token, before the ledger fee.</param>
/// <param name="AmountBaseUnits">The <c>amount</c> argument of the transfer (what the provider receives).</param>
/// <param name="FeeBaseUnits">The <c>fee</c> argument of the transfer.</param>
/// <param name="MemoHex">The <c>memo</c> argument (hex, at most 32 bytes), derived from the payout id and attempt.</param>
/// <param name="CreatedAtTimeNanos">The <c>created_at_time</c> argument (nanoseconds since the Unix epoch).</param>
/// <param name="Attempt">1, plus one per re-plan after <c>TooOld</c>.</param>
/// <param name="BlockIndex">The ledger block of the transfer, once confirmed.</param>
/// <param name="FailureReason">Why it failed, once failed.</param>
/// <param name="ReleaseIds">The releases it pays.</param>
/// <param name="PlannedAt">When it was planned (or, manual, recorded).</param>
/// <param name="SettledAt">When it was confirmed or failed.</param>
public sealed record AutomatedPayout(
    Guid PayoutId,
    string ProviderPubkey,
    string Rail,
    string State,
    string ToAccount,
    long AmountE9s,
    string? Token,
    string? LedgerCanisterId,
    decimal? PriceUsd,
    string? GrossBaseUnits,
    string? AmountBaseUnits,
    string? FeeBaseUnits,
    string? MemoHex,
    ulong? CreatedAtTimeNanos,
    int Attempt,
    string? BlockIndex,
    string? FailureReason,
    IReadOnlyList<Guid> ReleaseIds,
    DateTimeOffset PlannedAt,
    DateTimeOffset? SettledAt);

/// <summary>A provider left out of a payout run: its releases stay pending for a later run.</summary>
/// <param name="ProviderPubkey">The provider.</param>
/// <param name="PendingE9s">Nano-USD it is owed.</param>
/// <param name="WouldSendBaseUnits">What it would have received in the token (after the fee), as decimal integer text; "0" when nothing.</param>
/// <param name="Reason"><c>below_minimum</c> (dust, carried) or <c>no_payout_address</c>.</param>
public sealed record CarriedPayout(string ProviderPubkey, long PendingE9s, string WouldSendBaseUnits, string Reason);

/// <summary><c>POST /api/v1/admin/payouts/{id}/confirmed</c>: the ledger holds the transfer (<c>Ok</c> or <c>Duplicate</c>) in this block.</summary>
/// <param name="BlockIndex">The block index, decimal integer text.</param>
public sealed record PayoutConfirmation(string BlockIndex);

/// <summary><c>POST /api/v1/admin/payouts/{id}/failed</c>: the ledger refused the transfer for good (e.g. <c>GenericError</c>).</summary>
/// <param name="Reason">What the ledger answered (1-500 printable characters; never a secret).</param>
public sealed record PayoutFailure(string Reason);

/// <summary><c>POST /api/v1/admin/payouts/{id}/fee</c>: the ledger answered <c>BadFee</c>; the payout is re-recorded once with its expected fee.</summary>
/// <param name="ExpectedFee">The ledger's <c>expected_fee</c>, base units as decimal integer text.</param>
public sealed record PayoutFeeCorrection(string ExpectedFee);
