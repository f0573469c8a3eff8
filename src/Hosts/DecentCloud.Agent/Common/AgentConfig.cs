using System.Text.Json;
using System.Text.Json.Serialization;

namespace DecentCloud.Agent.Common;

/// <summary>The agent's configuration file (JSON), written by <c>setup token</c> and read by every other command.</summary>
internal sealed record AgentConfig
{
    public const string DefaultPath = "/etc/dc-agent/config.json";

    public required string ApiUrl { get; init; }

    public required string AgentKeyPath { get; init; }

    public string? ProviderId { get; init; }

    public string? PoolName { get; init; }

    public GatewayConfig? Gateway { get; init; }

    /// <summary>The provisioning loop's settings (<c>run</c>); defaults apply when absent.</summary>
    public Run.RunConfig? Run { get; init; }

    /// <summary>The backend the agent provisions with (<c>provisioner</c>); <c>run</c> needs it.</summary>
    public Run.ProvisionerConfig? Provisioner { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads and checks the file; a refused <see cref="ApiUrl"/> is an <see cref="InvalidDataException"/>.</summary>
    public static AgentConfig Load(string path)
    {
        var text = File.ReadAllText(path);
        var config = JsonSerializer.Deserialize<AgentConfig>(text, Json)
            ?? throw new InvalidDataException($"{path} holds no configuration.");
        if (SafeUrl.Problem(config.ApiUrl, "API URL") is { } problem)
        {
            throw new InvalidDataException($"{path}: {problem}.");
        }

        return config;
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>The gateway part of the configuration: written by setup; the serving settings have defaults but <see cref="PublicIp"/>.</summary>
internal sealed record GatewayConfig(string DcId, string GwPrefix, string Domain, string CaddyDir)
{
    /// <summary>The gateway host's public IPv4 address, where every VM name points and forwarded SSH ports listen.</summary>
    public string? PublicIp { get; init; }

    /// <summary>The VM port HTTPS requests are proxied to, unless the offering's instance config names one (<c>httpPort</c>).</summary>
    public int HttpPort { get; init; } = 80;

    /// <summary>Public SSH ports forwarded to VMs on a private network.</summary>
    public SshForwardingConfig SshForwarding { get; init; } = new();

    /// <summary>The gateway's Caddy (TLS mode, admin endpoint, ports), as setup wrote it into the Caddyfile.</summary>
    public Gateway.CaddyOptions Caddy { get; init; } = new();

    /// <summary>The gateway's own name <c>{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string Name => $"{DcId}.{GwPrefix}.{Domain}";
}

/// <summary>The <c>gateway.sshForwarding</c> section.</summary>
internal sealed record SshForwardingConfig
{
    /// <summary><c>auto</c> (on for the proxmox and docker backends, whose VMs sit on a private network), <c>on</c> or <c>off</c>.</summary>
    public string Mode { get; init; } = "auto";

    /// <summary>The first public port handed out.</summary>
    public int FirstPort { get; init; } = 20000;

    /// <summary>The last public port handed out.</summary>
    public int LastPort { get; init; } = 20999;

    /// <summary>The nftables table the agent owns (rebuilt whole on every change).</summary>
    public string NftTable { get; init; } = "dc_agent";

    /// <summary>The nft program.</summary>
    public string NftPath { get; init; } = "nft";

    /// <summary>
    /// Only connections to this local address are forwarded; unset, connections to any of the host's own addresses are (the
    /// right choice behind a 1:1 NAT, where the public address is not the host's).
    /// </summary>
    public string? PublicAddress { get; init; }

    /// <summary>Whether ports are forwarded for the backend <paramref name="provisionerType"/>; the message names a bad mode.</summary>
    public bool EnabledFor(string provisionerType) => Mode switch
    {
        "on" => true,
        "off" => false,
        "auto" => provisionerType is "proxmox" or "docker",
        _ => throw new InvalidDataException($"gateway.sshForwarding.mode must be auto, on or off (got '{Mode}')."),
    };
}
