using System.ComponentModel.DataAnnotations;
using DecentCloud.Domain.Money.Prices;

namespace DecentCloud.Application.Prices;

/// <summary>How token prices are chosen from the sources (section <c>Prices</c>).</summary>
public sealed class PricesOptions : IValidatableObject
{
    /// <summary>A quote older than this does not count, and a chosen price older than this is stale (<c>DC_PRICE_MAX_AGE_SECONDS</c>, default 10 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "{0} must be a positive duration of at most 7 days (hh:mm:ss).")]
    public TimeSpan MaxAge { get; set; } = PricePolicy.DefaultMaxAge;

    /// <summary>
    /// How many sources must agree (<c>DC_PRICE_QUORUM</c>). Unset: per token, 2, or 1 when only one source that is on
    /// quotes that token (sources quote different tokens: the DEX pools give DC, the exchanges do not). Set: the same
    /// quorum for every token, never lowered by the application; it may not exceed the sources on, nor, for any
    /// refreshed token, the sources on that quote it (checked at start, naming the token), so no token is silently
    /// left without a price.
    /// </summary>
    [Range(1, 100, ErrorMessage = "{0} must be 1-100.")]
    public int? Quorum { get; set; }

    /// <summary>A quote further than this percentage from the median is an outlier (<c>DC_PRICE_MAX_SPREAD_PERCENT</c>, default 5).</summary>
    public decimal MaxSpreadPercent { get; set; } = PricePolicy.DefaultMaxSpreadPercent;

    /// <summary>The sources that are on, by name (<c>DC_PRICE_SOURCES</c>, comma-separated); empty: every source the host registered.</summary>
    public IList<string> Sources { get; } = [];

    /// <summary>The tokens whose price is refreshed (<c>DC_PRICE_TOKENS</c>, comma-separated; default <c>ICP</c>).</summary>
    public IList<string> Tokens { get; } = [];

    /// <summary>How long one source may take to answer before its attempt is a time-out (<c>DC_PRICE_SOURCE_TIMEOUT_SECONDS</c>, default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "{0} must be a positive duration of at most 5 minutes (hh:mm:ss).")]
    public TimeSpan SourceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The tokens refreshed: <see cref="Tokens"/>, or ICP when none is configured.</summary>
    public IReadOnlyList<string> EffectiveTokens => Tokens.Count > 0 ? [.. Tokens.Distinct(StringComparer.Ordinal)] : ["ICP"];

    /// <summary>The policy of one token quoted by <paramref name="sourcesOn"/> sources that are on (valid once the options validated).</summary>
    public PricePolicy Policy(int sourcesOn) =>
        PricePolicy.Create(MaxAge, Quorum ?? PricePolicy.DefaultQuorum(sourcesOn), MaxSpreadPercent).Value;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxSpreadPercent is <= 0m or > 100m)
        {
            yield return new ValidationResult($"{nameof(MaxSpreadPercent)} must be above 0 and at most 100, got {MaxSpreadPercent}.", [nameof(MaxSpreadPercent)]);
        }

        if (Sources.Any(s => string.IsNullOrWhiteSpace(s) || s.Length > PriceQuote.MaxSourceLength))
        {
            yield return new ValidationResult($"{nameof(Sources)} names sources of 1-{PriceQuote.MaxSourceLength} characters.", [nameof(Sources)]);
        }

        if (Tokens.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > Domain.Money.Token.MaxSymbolLength || !t.All(char.IsAsciiLetterOrDigit)))
        {
            yield return new ValidationResult($"{nameof(Tokens)} names token symbols of 1-{Domain.Money.Token.MaxSymbolLength} letters or digits.", [nameof(Tokens)]);
        }

        if (Quorum is { } quorum && Sources.Count > 0 && quorum > Sources.Distinct(StringComparer.Ordinal).Count())
        {
            yield return new ValidationResult($"{nameof(Quorum)} ({quorum}) cannot exceed the number of sources on ({Sources.Count}).", [nameof(Quorum), nameof(Sources)]);
        }
    }
}
