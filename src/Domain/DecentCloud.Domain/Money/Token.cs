using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money;

/// <summary>
/// A token the platform counts in: its symbol, how many decimals one whole token has, and, for ICRC-1 tokens,
/// the ledger canister (principal text). Two tokens are the same only when all three match.
/// </summary>
public sealed record Token
{
    /// <summary>Most decimals accepted (ckETH-style tokens use 18).</summary>
    public const int MaxDecimals = 18;

    /// <summary>Longest symbol accepted.</summary>
    public const int MaxSymbolLength = 16;

    /// <summary>Longest ledger canister id text accepted.</summary>
    public const int MaxLedgerLength = 63;

    private Token(string symbol, int decimals, string? ledgerCanisterId)
    {
        Symbol = symbol;
        Decimals = decimals;
        LedgerCanisterId = ledgerCanisterId;
    }

    /// <summary>The platform token: 9 decimals.</summary>
    public static Token Dc { get; } = new("DC", 9, "ggi4a-wyaaa-aaaai-actqq-cai");

    /// <summary>ICP: 8 decimals (e8s).</summary>
    public static Token Icp { get; } = new("ICP", 8, "ryjl3-tyaaa-aaaaa-aaaba-cai");

    /// <summary>ckUSDC: 6 decimals.</summary>
    public static Token CkUsdc { get; } = new("ckUSDC", 6, "xevnm-gaaaa-aaaar-qafnq-cai");

    /// <summary>ckUSDT: 6 decimals.</summary>
    public static Token CkUsdt { get; } = new("ckUSDT", 6, "cngnf-vqaaa-aaaar-qag4q-cai");

    /// <summary>The tokens the platform knows (payments spec).</summary>
    public static IReadOnlyList<Token> Known { get; } = [Dc, Icp, CkUsdc, CkUsdt];

    /// <summary>The symbol, e.g. <c>ICP</c>.</summary>
    public string Symbol { get; }

    /// <summary>Fraction digits of one whole token.</summary>
    public int Decimals { get; }

    /// <summary>The ICRC-1 ledger canister id, or <c>null</c> for a token without one.</summary>
    public string? LedgerCanisterId { get; }

    /// <summary>Validates a token: symbol 1-16 of <c>[A-Za-z0-9]</c>, 0-18 decimals, ledger id lower-case principal text or none.</summary>
    public static Result<Token> Create(string? symbol, int decimals, string? ledgerCanisterId)
    {
        var errors = new List<IError>();
        if (symbol is null || symbol.Length is 0 or > MaxSymbolLength || !symbol.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(DomainError.Invalid("invalid_token", $"a token symbol is 1-{MaxSymbolLength} letters or digits."));
        }

        if (decimals is < 0 or > MaxDecimals)
        {
            errors.Add(DomainError.Invalid("invalid_token", $"a token has 0-{MaxDecimals} decimals."));
        }

        if (ledgerCanisterId is not null && (ledgerCanisterId.Length is 0 or > MaxLedgerLength
            || !ledgerCanisterId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            errors.Add(DomainError.Invalid("invalid_token", "a ledger canister id is principal text ([a-z0-9-])."));
        }

        return errors.Count > 0 ? Result.Fail<Token>(errors) : new Token(symbol!, decimals, ledgerCanisterId);
    }

    /// <summary>One of the <see cref="Known"/> tokens by its symbol (exact case).</summary>
    public static Result<Token> FromSymbol(string? symbol) =>
        Known.FirstOrDefault(t => t.Symbol == symbol) is { } token
            ? token
            : Result.Fail<Token>(DomainError.Invalid("unknown_token", $"'{symbol}' is not a token the platform knows."));

    /// <inheritdoc />
    public override string ToString() => Symbol;

#pragma warning disable CS8618 // for the persistence mapper
    private Token()
    {
    }
#pragma warning restore CS8618
}
