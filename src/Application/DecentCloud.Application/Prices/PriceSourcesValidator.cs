using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Prices;

/// <summary>Refuses a <c>Prices:Sources</c> entry that names no registered source (a typo would silently lose a source).</summary>
internal sealed class PriceSourcesValidator(IEnumerable<IPriceSource> sources) : IValidateOptions<PricesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PricesOptions options)
    {
        var known = sources.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = options.Sources.Where(s => !known.Contains(s)).ToList();
        return unknown.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Prices:Sources names unknown price sources ({string.Join(", ", unknown)}); known: {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
    }
}
