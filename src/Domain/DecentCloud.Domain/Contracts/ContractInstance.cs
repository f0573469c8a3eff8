using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>
/// A provisioned machine's public details as the API stores and shows them: only the documented fields, each of
/// its shape (addresses that parse, ports, DNS labels), and <c>details</c> limited to the documented keys
/// (<see cref="DetailKeys"/>) with short values. There is no field a password could travel in.
/// </summary>
public sealed record ContractInstance
{
    /// <summary>The longest stored details text (the column's length).</summary>
    public const int MaxLength = 8192;

    /// <summary>The most entries of <c>details</c>.</summary>
    public const int MaxDetails = 16;

    /// <summary>The longest value of a <c>details</c> entry.</summary>
    public const int MaxDetailValueLength = 128;

    /// <summary>The keys a backend may put in <c>details</c>.</summary>
    public static readonly IReadOnlyList<string> DetailKeys =
        ["name", "label", "host_ssh_port", "region", "location", "image", "plan", "server_type", "node", "vmid"];

    private ContractInstance(string canonical) => Canonical = canonical;

    /// <summary>The details re-serialised: documented field order, nulls left out, no whitespace.</summary>
    public string Canonical { get; }

    /// <summary>Parses the agent's instance JSON (<c>null</c> for none) strictly.</summary>
    public static Result<ContractInstance> Parse(string? json)
    {
        if (json is null)
        {
            return new ContractInstance("{}");
        }

        if (json.Length > MaxLength * 2)
        {
            return Invalid($"instance must be at most {MaxLength} characters.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return Invalid("instance must be a JSON object.");
        }
    }

    private static Result<ContractInstance> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid("instance must be a JSON object.");
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
            {
                return Invalid($"instance repeats {property.Name}.");
            }
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var problem = Address(writer, fields, "ipv4", AddressFamily.InterNetwork)
                ?? Address(writer, fields, "ipv6", AddressFamily.InterNetworkV6)
                ?? Address(writer, fields, "publicIp", null)
                ?? Port(writer, fields, "sshPort")
                ?? Label(writer, fields, "gatewaySlug", 63, dots: false)
                ?? Label(writer, fields, "gatewaySubdomain", 253, dots: true)
                ?? Port(writer, fields, "gatewayPortStart")
                ?? Port(writer, fields, "gatewayPortEnd")
                ?? Details(writer, fields);
            if (problem is not null)
            {
                return Invalid(problem);
            }

            if (fields.Count > 0)
            {
                return Invalid($"instance has undocumented fields: {string.Join(", ", fields.Keys.Order(StringComparer.Ordinal))}.");
            }

            writer.WriteEndObject();
        }

        var canonical = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
        return canonical.Length <= MaxLength ? new ContractInstance(canonical) : Invalid($"instance must be at most {MaxLength} characters.");
    }

    /// <summary>Takes <paramref name="name"/> out of <paramref name="fields"/>; <c>null</c> when absent or JSON null.</summary>
    private static JsonElement? Take(Dictionary<string, JsonElement> fields, string name) =>
        fields.Remove(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Address(Utf8JsonWriter writer, Dictionary<string, JsonElement> fields, string name, AddressFamily? family)
    {
        if (Take(fields, name) is not { } value)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || text.Length > 45 || !IPAddress.TryParse(text, out var address)
            || (family is { } f && address.AddressFamily != f) || address.ToString() != text)
        {
            return $"{name} must be an IP address{(family == AddressFamily.InterNetwork ? " (v4)" : family == AddressFamily.InterNetworkV6 ? " (v6)" : string.Empty)} in its usual form.";
        }

        writer.WriteString(name, text);
        return null;
    }

    private static string? Port(Utf8JsonWriter writer, Dictionary<string, JsonElement> fields, string name)
    {
        if (Take(fields, name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var port) || port is < 1 or > 65535)
        {
            return $"{name} must be a port 1-65535.";
        }

        writer.WriteNumber(name, port);
        return null;
    }

    private static string? Label(Utf8JsonWriter writer, Dictionary<string, JsonElement> fields, string name, int maxLength, bool dots)
    {
        if (Take(fields, name) is not { } value)
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (text is null || text.Length is 0 || text.Length > maxLength
            || !text.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' || (dots && c == '.')))
        {
            return $"{name} must be 1-{maxLength} characters of [a-z0-9-{(dots ? "." : string.Empty)}].";
        }

        writer.WriteString(name, text);
        return null;
    }

    private static string? Details(Utf8JsonWriter writer, Dictionary<string, JsonElement> fields)
    {
        if (Take(fields, "details") is not { } details)
        {
            return null;
        }

        if (details.ValueKind != JsonValueKind.Object || details.EnumerateObject().Count() > MaxDetails)
        {
            return $"details must be an object of at most {MaxDetails} entries.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        writer.WriteStartObject("details");
        foreach (var entry in details.EnumerateObject())
        {
            if (!DetailKeys.Contains(entry.Name) || !seen.Add(entry.Name))
            {
                return $"details may only hold the documented keys ({string.Join(", ", DetailKeys)}), each once.";
            }

            var text = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : null;
            if (text is null || text.Length > MaxDetailValueLength || text.Any(char.IsControl))
            {
                return $"details.{entry.Name} must be text of at most {MaxDetailValueLength} characters.";
            }

            writer.WriteString(entry.Name, text);
        }

        writer.WriteEndObject();
        return null;
    }

    private static Result<ContractInstance> Invalid(string message) =>
        Result.Fail<ContractInstance>(DomainError.Invalid("invalid_instance", message));
}
