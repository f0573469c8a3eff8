using System.Globalization;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Payouts;

/// <summary>
/// One provider's payout of a run over an ICRC-1 ledger. The exact transfer arguments (recipient, amount, fee, memo,
/// <c>created_at_time</c>) are recorded when it is planned, before anything is sent, so a resend after a crash is
/// identical and the ledger deduplicates it. It holds its releases while open (planned or submitted); confirmed
/// (never without a block index) they are paid out, failed they return to pending.
/// </summary>
public sealed class AutomatedPayout : AggregateRoot
{
    /// <summary>The longest failure reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The longest recipient account text.</summary>
    public const int MaxAccountLength = 200;

    private AutomatedPayout()
    {
        ProviderId = null!;
        Token = null!;
        LedgerCanisterId = null!;
        ToAccount = null!;
        MemoHex = null!;
        ReleaseIdsText = null!;
    }

    /// <summary>Its id (the memo is derived from it).</summary>
    public Guid Id { get; private set; }

    /// <summary>The provider paid.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Where it stands.</summary>
    public AutomatedPayoutState State { get; private set; }

    /// <summary>The token sent (its symbol).</summary>
    public string Token { get; private set; }

    /// <summary>The token's ledger canister.</summary>
    public string LedgerCanisterId { get; private set; }

    /// <summary>The recipient: the provider's payout account, ICRC-1 account text.</summary>
    public string ToAccount { get; private set; }

    /// <summary>Nano-USD paid: the sum of its releases' net amounts.</summary>
    public long AmountNanoUsd { get; private set; }

    /// <summary>USD per whole token used for the conversion.</summary>
    public decimal PriceUsd { get; private set; }

    /// <summary>The ledger's decimals used.</summary>
    public int Decimals { get; private set; }

    /// <summary>The USD value in base units, before the fee.</summary>
    public long GrossBaseUnits { get; private set; }

    /// <summary>The transfer's <c>amount</c> argument.</summary>
    public long AmountBaseUnits { get; private set; }

    /// <summary>The transfer's <c>fee</c> argument.</summary>
    public long FeeBaseUnits { get; private set; }

    /// <summary>Whether the platform pays the fee on top (amount = gross) instead of out of the gross (amount = gross − fee).</summary>
    public bool FeeOnTop { get; private set; }

    /// <summary>Whether the fee was corrected after <c>BadFee</c> (at most once).</summary>
    public bool FeeCorrected { get; private set; }

    /// <summary>The transfer's <c>memo</c>, hex (derived from the id and the attempt).</summary>
    public string MemoHex { get; private set; }

    /// <summary>The transfer's <c>created_at_time</c>, nanoseconds since the Unix epoch.</summary>
    public long CreatedAtTimeNanos { get; private set; }

    /// <summary>1, plus one per re-plan after <c>TooOld</c>.</summary>
    public int Attempt { get; private set; }

    /// <summary>The ledger block holding the transfer; set exactly when confirmed.</summary>
    public long? BlockIndex { get; private set; }

    /// <summary>Why it failed; set exactly when failed.</summary>
    public string? FailureReason { get; private set; }

    /// <summary>When it was planned.</summary>
    public DateTimeOffset PlannedAt { get; private set; }

    /// <summary>When it was confirmed or failed.</summary>
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>The releases it pays, as stored (comma-separated ids; kept after it settles, for the record).</summary>
    public string ReleaseIdsText { get; private set; }

    /// <summary>The releases it pays.</summary>
    public IReadOnlyList<Guid> ReleaseIds =>
        [.. ReleaseIdsText.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => Guid.ParseExact(id, "N"))];

    /// <summary>
    /// Plans the payout of <paramref name="releaseIds"/> (worth <paramref name="amountNanoUsd"/>) to <paramref name="toAccount"/>
    /// with the transfer of <paramref name="quote"/>, which must not be carried and must fit 64 bits.
    /// </summary>
    public static Result<AutomatedPayout> Plan(
        ProviderId providerId, Token token, string toAccount, IReadOnlyCollection<Guid> releaseIds, long amountNanoUsd, decimal priceUsd,
        int decimals, PayoutQuote quote, bool feeOnTop, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(releaseIds);
        ArgumentNullException.ThrowIfNull(quote);
        if (string.IsNullOrWhiteSpace(toAccount) || toAccount.Length > MaxAccountLength)
        {
            return Result.Fail<AutomatedPayout>(DomainError.Invalid("invalid_payout_account", $"the recipient must be 1-{MaxAccountLength} characters of ICRC-1 account text."));
        }

        if (token.LedgerCanisterId is null)
        {
            return Result.Fail<AutomatedPayout>(DomainError.Invalid("invalid_token", $"{token.Symbol} has no ICRC-1 ledger to pay on."));
        }

        if (releaseIds.Count == 0 || amountNanoUsd <= 0 || quote.Carried || priceUsd <= 0)
        {
            return Result.Fail<AutomatedPayout>(DomainError.Invalid("nothing_to_pay", "a payout pays a positive amount of at least one release."));
        }

        if (quote.Gross > long.MaxValue || quote.Fee > long.MaxValue)
        {
            return Result.Fail<AutomatedPayout>(DomainErrors.Conflict("amount_too_large", $"the payout of {providerId.Value} exceeds {long.MaxValue} base units."));
        }

        var id = Guid.NewGuid();
        return new AutomatedPayout
        {
            Id = id,
            ProviderId = providerId,
            State = AutomatedPayoutState.Planned,
            Token = token.Symbol,
            LedgerCanisterId = token.LedgerCanisterId!,
            ToAccount = toAccount,
            AmountNanoUsd = amountNanoUsd,
            PriceUsd = priceUsd,
            Decimals = decimals,
            GrossBaseUnits = (long)quote.Gross,
            AmountBaseUnits = (long)quote.Amount,
            FeeBaseUnits = (long)quote.Fee,
            FeeOnTop = feeOnTop,
            Attempt = 1,
            MemoHex = PayoutMemo.HexOf(id, 1),
            CreatedAtTimeNanos = NanosOf(now),
            PlannedAt = now,
            ReleaseIdsText = string.Join(',', releaseIds.Order().Select(r => r.ToString("N", CultureInfo.InvariantCulture))),
        };
    }

    /// <summary><c>planned → submitted</c>; idempotent when already submitted.</summary>
    public Result MarkSubmitted()
    {
        if (State == AutomatedPayoutState.Submitted)
        {
            return Result.Ok();
        }

        return Move(AutomatedPayoutState.Submitted);
    }

    /// <summary>
    /// <c>submitted → confirmed(block)</c>: idempotent for the same block, a conflict for another (one transfer, one block).
    /// Reports whether it changed (only then are its releases paid, its books written and <see cref="PayoutSent"/> raised).
    /// </summary>
    public Result<bool> Confirm(long blockIndex, DateTimeOffset now)
    {
        if (blockIndex < 0)
        {
            return Result.Fail<bool>(DomainError.Invalid("invalid_block_index", "blockIndex must be a non-negative decimal integer."));
        }

        if (State == AutomatedPayoutState.Confirmed)
        {
            return BlockIndex == blockIndex
                ? false
                : Result.Fail<bool>(DomainErrors.Conflict("payout_block_conflict", string.Create(CultureInfo.InvariantCulture,
                    $"Payout {Id} is confirmed in block {BlockIndex}, not {blockIndex}.")));
        }

        var moved = Move(AutomatedPayoutState.Confirmed);
        if (moved.IsFailed)
        {
            return moved;
        }

        BlockIndex = blockIndex;
        SettledAt = now;
        Raise(new PayoutSent(Id, ProviderId, Token, AmountBaseUnits, Decimals, AmountNanoUsd, blockIndex, now));
        return true;
    }

    /// <summary>
    /// <c>→ failed(reason)</c> from planned or submitted (its releases then return to pending); idempotent when already
    /// failed. Reports whether it changed.
    /// </summary>
    public Result<bool> Fail(string? reason, DateTimeOffset now)
    {
        if (reason is not { Length: > 0 and <= MaxReasonLength } || string.IsNullOrWhiteSpace(reason) || reason.Any(char.IsControl))
        {
            return Result.Fail<bool>(DomainError.Invalid("invalid_reason", $"reason must be 1-{MaxReasonLength} printable characters."));
        }

        if (State == AutomatedPayoutState.Failed)
        {
            return false;
        }

        var moved = Move(AutomatedPayoutState.Failed);
        if (moved.IsFailed)
        {
            return moved;
        }

        FailureReason = reason;
        SettledAt = now;
        return true;
    }

    /// <summary>
    /// After <c>BadFee</c>: records the ledger's expected fee, at most once per payout (the same fee again is a no-op), and
    /// the amount that follows: gross − fee, or gross with the fee on top. Refused when nothing would be left to send.
    /// </summary>
    public Result CorrectFee(long expectedFee)
    {
        if (expectedFee < 0)
        {
            return Result.Fail(DomainError.Invalid("invalid_expected_fee", "expectedFee must be a non-negative decimal integer of base units."));
        }

        if (!State.IsOpen())
        {
            return Result.Fail(DomainErrors.Conflict("invalid_transition", $"A {State.ToWireName()} payout's fee cannot change."));
        }

        if (FeeCorrected)
        {
            return expectedFee == FeeBaseUnits
                ? Result.Ok()
                : Result.Fail(DomainErrors.Conflict("fee_already_corrected", string.Create(CultureInfo.InvariantCulture,
                    $"Payout {Id}'s fee was already corrected once (to {FeeBaseUnits}); fail it instead.")));
        }

        var amount = FeeOnTop ? GrossBaseUnits : GrossBaseUnits - expectedFee;
        if (amount <= 0)
        {
            return Result.Fail(DomainErrors.Conflict("fee_exceeds_amount", string.Create(CultureInfo.InvariantCulture,
                $"A fee of {expectedFee} leaves nothing of {GrossBaseUnits} base units to send; fail the payout so its releases are carried.")));
        }

        FeeBaseUnits = expectedFee;
        AmountBaseUnits = amount;
        FeeCorrected = true;
        return Result.Ok();
    }

    /// <summary>
    /// How long after its <c>created_at_time</c> an ICRC-1 ledger may still execute a transfer: the deduplication window
    /// (24 h) plus the permitted drift (2 min).
    /// </summary>
    public static readonly TimeSpan LedgerTransactionWindow = TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2);

    /// <summary>
    /// After <c>TooOld</c> (and only once the ledger shows no transfer with the old memo): attempt + 1, a new
    /// <c>created_at_time</c> and the memo that follows, back to <c>planned</c>. Refused while the current attempt is inside <see cref="LedgerTransactionWindow"/>.
    /// </summary>
    public Result Replan(DateTimeOffset now)
    {
        if (!State.IsOpen())
        {
            return Result.Fail(DomainErrors.Conflict("invalid_transition", $"A {State.ToWireName()} payout cannot be re-planned."));
        }

        if (Attempt >= PayoutMemo.MaxAttempt)
        {
            return Result.Fail(DomainErrors.Conflict("too_many_attempts", $"Payout {Id} was re-planned {Attempt} times; fail it instead."));
        }

        // The ledger can still execute the current attempt until its created_at_time leaves the window: a new attempt
        // before then could pay twice (e.g. two runs that both saw TooOld for an older attempt).
        var executableUntil = DateTimeOffset.UnixEpoch.AddTicks(CreatedAtTimeNanos / 100) + LedgerTransactionWindow;
        if (now <= executableUntil)
        {
            return Result.Fail(DomainErrors.Conflict("replan_too_early", string.Create(CultureInfo.InvariantCulture,
                $"Attempt {Attempt} of payout {Id} can still execute on the ledger until {executableUntil:O}; it is re-planned only after that.")));
        }

        Attempt++;
        MemoHex = PayoutMemo.HexOf(Id, Attempt);
        CreatedAtTimeNanos = NanosOf(now);
        State = AutomatedPayoutState.Planned;
        return Result.Ok();
    }

    private Result Move(AutomatedPayoutState to)
    {
        if (!AutomatedPayoutStates.CanMove(State, to))
        {
            return Result.Fail(DomainErrors.Conflict("invalid_transition", $"A {State.ToWireName()} payout cannot become {to.ToWireName()}."));
        }

        State = to;
        return Result.Ok();
    }

    private static long NanosOf(DateTimeOffset now) => (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
