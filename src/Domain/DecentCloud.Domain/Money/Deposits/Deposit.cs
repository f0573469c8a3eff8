using System.Numerics;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Deposits;

/// <summary>
/// A transfer found on an ICRC-1 ledger into an account's deposit subaccount. A ledger block is one deposit (a database
/// unique index on ledger and block), and its credit is one books transaction under <see cref="IdempotencyKey"/>: together
/// they make the credit happen exactly once, whatever number of scanners or restarts.
/// </summary>
public sealed class Deposit
{
    /// <summary>The longest ICRC-1 account text of the sender kept.</summary>
    public const int MaxAccountTextLength = 200;

    private Deposit()
    {
        Ledger = null!;
        Subaccount = null!;
        FromAccount = null!;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The ledger canister id (principal text).</summary>
    public string Ledger { get; private set; }

    /// <summary>The token's symbol; <c>null</c> for a ledger whose token the platform does not know.</summary>
    public string? Token { get; private set; }

    /// <summary>The block index of the transfer on <see cref="Ledger"/>.</summary>
    public long BlockIndex { get; private set; }

    /// <summary>The sender's ICRC-1 account text (empty when the block names none).</summary>
    public string FromAccount { get; private set; }

    /// <summary>The account credited.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>The deposit subaccount it arrived in (hex).</summary>
    public string Subaccount { get; private set; }

    /// <summary>The amount in the token's base units.</summary>
    public BigInteger Amount { get; private set; }

    /// <summary>The token's decimals (the ledger's).</summary>
    public int Decimals { get; private set; }

    /// <summary>The ledger's fee when the deposit was found (base units).</summary>
    public BigInteger LedgerFee { get; private set; }

    /// <summary>The USD price per whole token it was credited at; <c>null</c> until credited.</summary>
    public decimal? PriceUsd { get; private set; }

    /// <summary>The nano-USD credited to the wallet; <c>null</c> until credited.</summary>
    public long? CreditedNanoUsd { get; private set; }

    /// <summary>Where it stands.</summary>
    public DepositState State { get; private set; }

    /// <summary>When the scan found it.</summary>
    public DateTimeOffset DetectedAt { get; private set; }

    /// <summary>When it was credited.</summary>
    public DateTimeOffset? CreditedAt { get; private set; }

    /// <summary>The sweep's <c>created_at_time</c> (ns since the Unix epoch), recorded before the sweep is sent.</summary>
    public long? SweepCreatedAtNanos { get; private set; }

    /// <summary>The sweep's memo, recorded before the sweep is sent.</summary>
    public byte[]? SweepMemo { get; private set; }

    /// <summary>The block of the sweep to the treasury; <c>null</c> until swept.</summary>
    public long? SweepBlock { get; private set; }

    /// <summary>The books' idempotency key of its credit: <c>icrc1:{ledger}:{block}</c>.</summary>
    public string IdempotencyKey => KeyOf(Ledger, BlockIndex);

    /// <summary>The books' idempotency key of a deposit's credit.</summary>
    public static string KeyOf(string ledger, long blockIndex) => $"icrc1:{ledger}:{blockIndex}";

    /// <summary>
    /// Records a transfer found on a ledger: <see cref="DepositState.UnknownToken"/> when <paramref name="token"/> is
    /// <c>null</c>, <see cref="DepositState.BelowFee"/> when the amount is at most <paramref name="ledgerFee"/> (sweeping it
    /// would cost all of it), else <see cref="DepositState.AwaitingPrice"/> until <see cref="Credit"/>.
    /// </summary>
    public static Result<Deposit> Record(
        string ledger, Token? token, int decimals, long blockIndex, string? fromAccount, Guid accountId, DepositSubaccount subaccount,
        BigInteger amount, BigInteger ledgerFee, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(ledger) || ledger.Length > Money.Token.MaxLedgerLength || blockIndex < 0 || accountId == Guid.Empty
            || amount.Sign < 0 || amount > TokenAmount.MaxBaseUnits || ledgerFee.Sign < 0 || decimals is < 0 or > Money.Token.MaxDecimals
            || (token is not null && token.Decimals != decimals))
        {
            return Result.Fail<Deposit>(DomainError.Invalid("invalid_deposit", $"block {blockIndex} of {ledger} is no valid deposit."));
        }

        var state = token is null ? DepositState.UnknownToken : amount <= ledgerFee ? DepositState.BelowFee : DepositState.AwaitingPrice;
        return new Deposit
        {
            Id = Guid.NewGuid(),
            Ledger = ledger,
            Token = token?.Symbol,
            BlockIndex = blockIndex,
            FromAccount = (fromAccount ?? string.Empty).Length > MaxAccountTextLength ? fromAccount![..MaxAccountTextLength] : fromAccount ?? string.Empty,
            AccountId = accountId,
            Subaccount = subaccount.Hex,
            Amount = amount,
            Decimals = decimals,
            LedgerFee = ledgerFee,
            State = state,
            DetectedAt = now,
        };
    }

    /// <summary>
    /// Credits an <see cref="DepositState.AwaitingPrice"/> deposit at a fresh market price (stablecoins at par within
    /// <paramref name="stablecoinTolerancePercent"/>, see <see cref="DepositConversion.PriceUsed"/>) and returns the USD to
    /// book. A deposit worth less than one nano-USD becomes <see cref="DepositState.BelowFee"/> and returns zero (nothing to book).
    /// </summary>
    public Result<UsdAmount> Credit(decimal marketPriceUsd, decimal stablecoinTolerancePercent, DateTimeOffset now)
    {
        if (State != DepositState.AwaitingPrice || Token is null)
        {
            return Result.Fail<UsdAmount>(DomainErrors.Conflict("deposit_not_awaiting_price", $"deposit {IdempotencyKey} is {State.ToWireName()}."));
        }

        var token = Money.Token.FromSymbol(Token);
        if (token.IsFailed)
        {
            return token.ToResult<UsdAmount>();
        }

        var price = DepositConversion.PriceUsed(token.Value, marketPriceUsd, stablecoinTolerancePercent);
        var usd = DepositConversion.ToUsd(Amount, Decimals, price);
        if (usd.IsFailed)
        {
            return usd;
        }

        PriceUsd = price;
        if (usd.Value.IsZero)
        {
            State = DepositState.BelowFee;
            return usd;
        }

        CreditedNanoUsd = usd.Value.NanoUsd;
        CreditedAt = now;
        State = DepositState.Credited;
        return usd;
    }

    /// <summary>Records the sweep's arguments before it is sent, so a resend after a crash is identical (the ledger answers Duplicate).</summary>
    public void PlanSweep(long createdAtNanos, byte[] memo)
    {
        ArgumentNullException.ThrowIfNull(memo);
        if (State != DepositState.Credited)
        {
            throw new InvalidOperationException($"deposit {IdempotencyKey} is {State.ToWireName()}; only a credited deposit is swept.");
        }

        SweepCreatedAtNanos = createdAtNanos;
        SweepMemo = memo;
        State = DepositState.SweepPlanned;
    }

    /// <summary>
    /// Records a new <c>created_at_time</c> for a planned sweep the ledger refused as too old — only once the ledger shows no
    /// transfer with its memo, so the old attempt can never execute too (the caller checks that).
    /// </summary>
    public void ReplanSweep(long createdAtNanos)
    {
        if (State != DepositState.SweepPlanned)
        {
            throw new InvalidOperationException($"deposit {IdempotencyKey} is {State.ToWireName()}; only a planned sweep is planned again.");
        }

        SweepCreatedAtNanos = createdAtNanos;
    }

    /// <summary>Records the sweep's block (its own, or the original one the ledger named as a Duplicate).</summary>
    public void MarkSwept(long block)
    {
        if (State != DepositState.SweepPlanned)
        {
            throw new InvalidOperationException($"deposit {IdempotencyKey} is {State.ToWireName()}; only a planned sweep completes.");
        }

        SweepBlock = block;
        State = DepositState.Swept;
    }
}
