using System.Text.Json;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>Reads the backend settings an offering carries as a JSON object (e.g. <c>{"image": "…"}</c>).</summary>
public sealed class InstanceConfig
{
    private readonly Dictionary<string, string> _values;

    private InstanceConfig(Dictionary<string, string> values) => _values = values;

    /// <summary>Parses the JSON; empty means no settings. Throws <see cref="ProvisioningException"/> for anything but an object.</summary>
    public static InstanceConfig Parse(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return new InstanceConfig(values);
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ProvisioningException("the offering's instance config must be a JSON object");
            }

            foreach (var property in doc.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
            {
                values[property.Name] = property.Value.GetString()!;
            }

            return new InstanceConfig(values);
        }
        catch (JsonException ex)
        {
            throw new ProvisioningException($"the offering's instance config is not JSON: {ex.Message}");
        }
    }

    /// <summary>The string setting <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback) => _values.TryGetValue(name, out var value) ? value : fallback;
}
