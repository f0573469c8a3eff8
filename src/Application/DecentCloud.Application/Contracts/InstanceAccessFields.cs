using System.Text.Json;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// The fields of a stored instance (<see cref="Domain.Contracts.ContractInstance"/>'s canonical JSON, already checked)
/// that say where the machine is reached.
/// </summary>
internal sealed record InstanceAccessFields(string? PublicIp, string? Ipv4, string? Ipv6, int? SshPort, string? GatewaySlug, string? GatewaySubdomain)
{
    public static InstanceAccessFields Read(string? canonical)
    {
        if (string.IsNullOrEmpty(canonical))
        {
            return new InstanceAccessFields(null, null, null, null, null, null);
        }

        using var document = JsonDocument.Parse(canonical);
        var root = document.RootElement;
        return new InstanceAccessFields(
            Text(root, "publicIp"), Text(root, "ipv4"), Text(root, "ipv6"),
            root.TryGetProperty("sshPort", out var port) ? port.GetInt32() : null,
            Text(root, "gatewaySlug"), Text(root, "gatewaySubdomain"));
    }

    private static string? Text(JsonElement root, string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
}
