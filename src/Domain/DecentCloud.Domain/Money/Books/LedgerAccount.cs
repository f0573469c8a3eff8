using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Domain.Money.Books;

/// <summary>
/// One account of the books, written <c>kind:owner</c> (<c>wallet:{accountId}</c>, <c>escrow:{contractId}</c>,
/// <c>payable:{providerId}</c>, <c>revenue</c>, <c>rail:stripe</c>, <c>rail:icpay</c>, <c>rail:icrc1:{token}</c>,
/// <c>rail:manual</c>).
/// </summary>
/// <remarks>
/// Sign convention: a positive posting puts money into the account. A wallet, an escrow, a payable and the revenue
/// hold money, so they never go below zero (an escrow at zero is what caps releases plus refunds at what was paid,
/// a payable at zero what caps payouts at earnings). A rail is the outside world's side: a top-up takes money
/// from it (its balance goes negative by what came in) and a payout gives money to it.
/// </remarks>
public sealed record LedgerAccount
{
    /// <summary>The longest account text.</summary>
    public const int MaxLength = 160;

    private const int MaxTokenLength = 32;

    private LedgerAccount(LedgerAccountKind kind, string? owner)
    {
        Kind = kind;
        Owner = owner;
    }

    /// <summary>What the account holds.</summary>
    public LedgerAccountKind Kind { get; }

    /// <summary>Whose it is (an account id, contract id, provider id or rail name); <c>null</c> for the revenue.</summary>
    public string? Owner { get; }

    /// <summary>Whether this is a user's wallet.</summary>
    public bool IsWallet => Kind == LedgerAccountKind.Wallet;

    /// <summary>Whether the balance may never go below zero (every kind but a rail).</summary>
    public bool MustStayNonNegative => Kind != LedgerAccountKind.Rail;

    /// <summary>The platform's fee income.</summary>
    public static LedgerAccount Revenue { get; } = new(LedgerAccountKind.Revenue, null);

    /// <summary>Card payments through Stripe.</summary>
    public static LedgerAccount Stripe { get; } = new(LedgerAccountKind.Rail, "stripe");

    /// <summary>Payments through ICPay.</summary>
    public static LedgerAccount Icpay { get; } = new(LedgerAccountKind.Rail, "icpay");

    /// <summary>Transfers made by hand by the operator (manual payouts).</summary>
    public static LedgerAccount Manual { get; } = new(LedgerAccountKind.Rail, "manual");

    /// <summary>A user's wallet.</summary>
    public static LedgerAccount Wallet(Guid accountId) =>
        accountId == Guid.Empty
            ? throw new ArgumentException("an account id is required.", nameof(accountId))
            : new(LedgerAccountKind.Wallet, accountId.ToString("D"));

    /// <summary>A contract's escrow.</summary>
    public static LedgerAccount Escrow(ContractId contractId)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        return new(LedgerAccountKind.Escrow, contractId.Hex);
    }

    /// <summary>A provider's earned, unpaid money.</summary>
    public static LedgerAccount Payable(ProviderId providerId)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        return new(LedgerAccountKind.Payable, providerId.Value);
    }

    /// <summary>The ICRC-1 ledger of a token (<c>rail:icrc1:{token}</c>); the token is 1-32 characters of <c>[A-Za-z0-9._-]</c>.</summary>
    public static Result<LedgerAccount> Icrc1(string? token) =>
        token is { Length: > 0 and <= MaxTokenLength } && token.All(IsTokenChar)
            ? new LedgerAccount(LedgerAccountKind.Rail, "icrc1:" + token)
            : Result.Fail<LedgerAccount>(DomainError.Invalid("invalid_ledger_account", "an ICRC-1 rail's token must be 1-32 characters of [A-Za-z0-9._-]."));

    /// <summary>Reads the text form (what <see cref="ToString"/> writes); anything else is refused with the text named.</summary>
    public static Result<LedgerAccount> Parse(string? text)
    {
        if (text is null || text.Length > MaxLength)
        {
            return Invalid(text);
        }

        if (text == "revenue")
        {
            return Revenue;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Invalid(text);
        }

        var owner = text[(colon + 1)..];
        switch (text[..colon])
        {
            case "wallet":
                return Guid.TryParseExact(owner, "D", out var id) && id != Guid.Empty && owner == id.ToString("D") ? Wallet(id) : Invalid(text);
            case "escrow":
                var contract = ContractId.FromHex(owner);
                return contract.IsSuccess && contract.Value.Hex == owner ? Escrow(contract.Value) : Invalid(text);
            case "payable":
                var provider = ProviderId.Create(owner);
                return provider.IsSuccess ? Payable(provider.Value) : Invalid(text);
            case "rail":
                return owner switch
                {
                    "stripe" => Stripe,
                    "icpay" => Icpay,
                    "manual" => Manual,
                    _ when owner.StartsWith("icrc1:", StringComparison.Ordinal) && Icrc1(owner["icrc1:".Length..]) is { IsSuccess: true } rail => rail.Value,
                    _ => Invalid(text),
                };
            default:
                return Invalid(text);
        }
    }

    /// <summary>The text form, e.g. <c>wallet:6f1c…</c> or <c>revenue</c>.</summary>
    public override string ToString() => Owner is null ? KindName(Kind) : $"{KindName(Kind)}:{Owner}";

    private static string KindName(LedgerAccountKind kind) => kind switch
    {
        LedgerAccountKind.Wallet => "wallet",
        LedgerAccountKind.Escrow => "escrow",
        LedgerAccountKind.Payable => "payable",
        LedgerAccountKind.Revenue => "revenue",
        _ => "rail",
    };

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static Result<LedgerAccount> Invalid(string? text) =>
        Result.Fail<LedgerAccount>(DomainError.Invalid(
            "invalid_ledger_account",
            $"'{Truncate(text)}' is no ledger account (wallet:{{account id}}, escrow:{{contract id}}, payable:{{provider id}}, revenue, rail:stripe, rail:icpay, rail:icrc1:{{token}}, rail:manual)."));

    private static string? Truncate(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text;
}
