using System.Globalization;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>The VM port the gateway proxies HTTPS to: the offering's instance config may name it as <c>httpPort</c>.</summary>
public static class GatewayHttpPort
{
    /// <summary>
    /// <c>httpPort</c> of the instance config (a number or a numeric string), or <paramref name="fallback"/> when absent; any
    /// other value is a <see cref="ProvisioningException"/>, so a bad offering fails its contract instead of being proxied somewhere else.
    /// </summary>
    public static int From(string? instanceConfig, int fallback)
    {
        if (string.IsNullOrWhiteSpace(instanceConfig))
        {
            return fallback;
        }

        try
        {
            using var document = JsonDocument.Parse(instanceConfig);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("httpPort", out var value))
            {
                return fallback;
            }

            var port = value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt32(out var n) => n,
                JsonValueKind.String when int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
                _ => 0,
            };
            return port is >= 1 and <= 65535
                ? port
                : throw new ProvisioningException("the offering's instance config has an httpPort that is not a port 1-65535");
        }
        catch (JsonException)
        {
            // The backend reports an unreadable instance config in its own words.
            return fallback;
        }
    }
}
