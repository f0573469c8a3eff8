using System.Text.Json.Serialization;

namespace DecentCloud.Agent.Gateway;

/// <summary>
/// How the agent forwards SSH ports with nftables (<c>gateway.sshForwarding</c> in the configuration, camelCase names).
/// </summary>
internal sealed record NftablesOptions
{
    /// <summary>The agent's own table (family <c>ip</c>), dropped and rebuilt whole on every change; nothing else may use it.</summary>
    [JsonPropertyName("nftTable")]
    public string Table { get; init; } = "dc_agent";

    /// <summary>The nft program: a path, or a name looked up on PATH.</summary>
    public string NftPath { get; init; } = "nft";

    /// <summary>
    /// The gateway's public IPv4 address the forwarded ports listen on; when absent, the ports are forwarded on every
    /// address of the host itself (never on traffic merely routed through it).
    /// </summary>
    public string? PublicAddress { get; init; }

    /// <summary>Checks the values; the message names the bad field.</summary>
    public void Validate()
    {
        // nft reads a name starting with a digit as a number, and other characters as syntax: letters first, then [a-z0-9_].
        Require(
            Table.Length is >= 1 and <= 32 && Table[0] is >= 'a' and <= 'z' && Table.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_'),
            "gateway.sshForwarding.nftTable must be 1-32 characters [a-z0-9_], starting with a letter");
        Require(!string.IsNullOrWhiteSpace(NftPath), "gateway.sshForwarding.nftPath must be set");
        Require(PublicAddress is null || NftablesAddress.IsUsable(PublicAddress), "gateway.sshForwarding.publicAddress must be an IPv4 address (a.b.c.d)");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidDataException(message);
        }
    }
}
