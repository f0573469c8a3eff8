using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Prices;

/// <summary>
/// Refuses a <c>Prices:Sources</c> entry that names no registered source (a typo would silently lose a source), and an
/// explicit <c>Prices:Quorum</c> that some refreshed token cannot reach with the sources on that quote it (that token
/// would never get a price).
/// </summary>
internal sealed class PriceSourcesValidator(IEnumerable<IPriceSource> sources) : IValidateOptions<PricesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PricesOptions options)
    {
        var all = sources.ToList();
        var known = all.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = options.Sources.Where(s => !known.Contains(s)).ToList();
        if (unknown.Count > 0)
        {
            return ValidateOptionsResult.Fail(
                $"Prices:Sources names unknown price sources ({string.Join(", ", unknown)}); known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
        }

        if (options.Quorum is not { } quorum)
        {
            return ValidateOptionsResult.Success;
        }

        var on = all.Where(s => options.Sources.Count == 0 || options.Sources.Contains(s.Name, StringComparer.Ordinal)).ToList();
        var failures = options.EffectiveTokens
            .Select(token => (Token: token, Quoting: on.Where(s => s.Tokens.Contains(token, StringComparer.Ordinal)).Select(s => s.Name).Order(StringComparer.Ordinal).ToList()))
            .Where(t => t.Quoting.Count < quorum)
            .Select(t => $"Prices:Quorum ({quorum}) exceeds the sources on that quote {t.Token} ({t.Quoting.Count}{(t.Quoting.Count > 0 ? ": " + string.Join(", ", t.Quoting) : string.Empty)}); lower it, unset it for a per-token default, or turn on more sources.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
