using System.ComponentModel.DataAnnotations;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Deposits;

namespace DecentCloud.Application.Deposits;

/// <summary>Which ledgers the deposit scan reads and how deposits are valued (section <c>Deposits</c>).</summary>
public sealed class DepositOptions : IValidatableObject
{
    /// <summary>
    /// The ledgers scanned (<c>DC_DEPOSIT_TOKENS</c>, comma-separated; default none: deposits off): a known token's symbol
    /// (<c>ICP</c>, <c>ckUSDC</c>, <c>ckUSDT</c>, <c>DC</c>) or the canister id of another ICRC-1 ledger, whose deposits are recorded
    /// as <c>unknown_token</c> and reported, never credited.
    /// </summary>
    public IList<string> Tokens { get; } = [];

    /// <summary>
    /// A stablecoin (ckUSDC, ckUSDT) is credited at $1 when its fresh price is within this percentage of $1
    /// (<c>DC_DEPOSIT_STABLECOIN_TOLERANCE_PERCENT</c>, default 2); outside it at the market price, never above $1.
    /// </summary>
    [Range(typeof(decimal), "0", "50", ErrorMessage = "{0} must be 0-50 percent.")]
    public decimal StablecoinTolerancePercent { get; set; } = DepositConversion.DefaultStablecoinTolerancePercent;

    /// <summary>Blocks asked per ledger call (<c>DC_DEPOSIT_BLOCKS_PER_READ</c>, default 500).</summary>
    [Range(1, 10_000, ErrorMessage = "{0} must be 1-10000.")]
    public int BlocksPerRead { get; set; } = 500;

    /// <summary>The ledgers of <see cref="Tokens"/> (valid once the options validated), each once.</summary>
    public IReadOnlyList<DepositLedger> Ledgers =>
        [.. Tokens.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).Select(t => Token.FromSymbol(t) is { IsSuccess: true } known
            ? new DepositLedger(known.Value.LedgerCanisterId!, known.Value)
            : new DepositLedger(t, null)).DistinctBy(l => l.LedgerId)];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in Tokens.Select(t => t.Trim()))
        {
            if (Token.FromSymbol(entry).IsFailed && !IsCanisterId(entry))
            {
                yield return new ValidationResult(
                    $"{nameof(Tokens)}: '{entry}' is neither a known token (ICP, ckUSDC, ckUSDT, DC) nor an ICRC-1 ledger canister id.", [nameof(Tokens)]);
            }
        }
    }

    // Principal text: groups of five lower-case base32 characters separated by dashes (the last may be shorter).
    private static bool IsCanisterId(string text) =>
        text.Length is >= 7 and <= Token.MaxLedgerLength && text.Contains('-', StringComparison.Ordinal)
        && text.All(c => char.IsAsciiLetterLower(c) || c is >= '2' and <= '7' || c == '-')
        && text.Split('-').All(g => g.Length is > 0 and <= 5);
}

/// <summary>A ledger the deposit scan reads.</summary>
/// <param name="LedgerId">The ledger canister id.</param>
/// <param name="Token">Its token, or <c>null</c> for a ledger the platform does not price (its deposits are <c>unknown_token</c>).</param>
public sealed record DepositLedger(string LedgerId, Token? Token);
