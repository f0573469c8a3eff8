using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Hosting.Configuration;

/// <summary>Translates the legacy environment variables onto configuration keys, checking their values on the way.</summary>
public static class LegacyVariables
{
    /// <summary>
    /// The configuration keys and values the legacy variables present in <paramref name="source"/> stand for.
    /// Throws <see cref="InvalidSettingsException"/> naming the variable when a value cannot be read.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Translate(IConfiguration source, IEnumerable<LegacyVariable> map)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(map);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var variable in map)
        {
            var text = source[variable.Name]?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                // An empty variable has always meant "use the default", so it must not clear a value set elsewhere.
                continue;
            }

            switch (variable.Kind)
            {
                case LegacyValueKind.Seconds:
                    values[variable.Key] = TimeSpan.FromSeconds(PositiveInteger(variable, text)).ToString("c", CultureInfo.InvariantCulture);
                    break;
                case LegacyValueKind.PositiveInteger:
                    values[variable.Key] = PositiveInteger(variable, text).ToString(CultureInfo.InvariantCulture);
                    break;
                case LegacyValueKind.CommaList:
                    var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    for (var i = 0; i < items.Length; i++)
                    {
                        values[$"{variable.Key}:{i.ToString(CultureInfo.InvariantCulture)}"] = items[i];
                    }

                    break;
                default:
                    values[variable.Key] = text;
                    break;
            }
        }

        return values;
    }

    /// <summary>
    /// Adds the translated legacy variables of <paramref name="source"/> as the last (winning) source of
    /// <paramref name="builder"/>: a legacy variable overrides the same key from <c>appsettings.json</c> or a
    /// <c>Section__Key</c> variable.
    /// </summary>
    public static IConfigurationBuilder AddLegacyVariables(this IConfigurationBuilder builder, IConfiguration source, IEnumerable<LegacyVariable> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddInMemoryCollection(Translate(source, map));
    }

    /// <summary>How a configuration key is best named in an error: its legacy variable when it has one.</summary>
    public static string Describe(string key, IEnumerable<LegacyVariable> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var variable = map.FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase));
        return variable is null ? key : $"{variable.Name} ({variable.Key})";
    }

    private static long PositiveInteger(LegacyVariable variable, string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= int.MaxValue
            ? value
            : throw new InvalidSettingsException($"{variable.Name} must be a positive whole number, not '{text}'.");
}
