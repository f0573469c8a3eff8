using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>
/// The gateway's state in the agent's local store, one document for all contracts: each contract's slug, SSH port and
/// VM address. Written before the name is published, so a restarted agent asks for the same name and port again, and
/// the sites and forwarded ports are rebuilt from it alone.
/// </summary>
public sealed class GatewayJournal(IEnvelopeStore store)
{
    private const string Key = "gateway-names";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Every entry, by contract id.</summary>
    public Dictionary<string, GatewayEntry> Load()
    {
        var text = store.Read(Key);
        var entries = string.IsNullOrWhiteSpace(text) ? [] : JsonSerializer.Deserialize<List<GatewayEntry>>(text, Json) ?? [];
        return entries.ToDictionary(e => e.ContractId, StringComparer.Ordinal);
    }

    /// <summary>Replaces the journal with <paramref name="entries"/>.</summary>
    public void Save(IEnumerable<GatewayEntry> entries) =>
        store.Write(Key, JsonSerializer.Serialize(entries.OrderBy(e => e.ContractId, StringComparer.Ordinal).ToList(), Json));
}

/// <summary>One contract's place on the gateway.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Slug">Its name's label; may change until the API accepts it.</param>
/// <param name="SshPort">Its public SSH port, when SSH is forwarded.</param>
/// <param name="Upstream">The VM's address, once it has one.</param>
/// <param name="HttpPort">The VM's HTTP port.</param>
/// <param name="Published">Whether the API holds the name for the contract (only then is it served).</param>
/// <param name="UpdatedAt">When the entry last changed (a reconcile round never drops an entry changed after it listed the names).</param>
public sealed record GatewayEntry(string ContractId, string Slug, int? SshPort, string? Upstream, int HttpPort, bool Published, DateTimeOffset UpdatedAt);

/// <summary>Where a provisioned machine is reached through the gateway.</summary>
/// <param name="Slug">The name's label.</param>
/// <param name="Fqdn">The machine's name.</param>
/// <param name="PublicIp">The gateway's public address (where the name points).</param>
/// <param name="SshPort">The forwarded SSH port, when SSH is forwarded.</param>
public sealed record GatewayAccess(string Slug, string Fqdn, string PublicIp, int? SshPort);
