using System.Net;
using System.Net.Sockets;
using DecentCloud.Domain.Gateways;
using DcIdValue = DecentCloud.Domain.Gateways.DcId;

namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>How this host's gateway serves its VMs; the host binds it from the agent configuration's <c>gateway</c> section.</summary>
public sealed class GatewayOptions
{
    /// <summary>The gateway's dc_id.</summary>
    public required string DcId { get; init; }

    /// <summary>The platform's gateway prefix (<c>gw</c>).</summary>
    public required string GwPrefix { get; init; }

    /// <summary>The zone (<c>decent-cloud.org</c>).</summary>
    public required string Domain { get; init; }

    /// <summary>The gateway host's public IPv4 address: every VM name points at it, and forwarded SSH ports listen on it.</summary>
    public required string PublicIpv4 { get; init; }

    /// <summary>The VM port HTTPS requests are proxied to when the contract's instance config names none.</summary>
    public int DefaultHttpPort { get; init; } = 80;

    /// <summary>Whether VMs sit on a private network and get a public SSH port on the gateway (Proxmox, Docker).</summary>
    public bool ForwardSsh { get; init; }

    /// <summary>The first public port handed to a VM's SSH.</summary>
    public int SshPortFirst { get; init; } = 20000;

    /// <summary>The last public port handed to a VM's SSH.</summary>
    public int SshPortLast { get; init; } = 20999;

    /// <summary>How many random slugs to try when the API says the previous one is taken.</summary>
    public int MaxSlugAttempts { get; init; } = 8;

    /// <summary><c>{dc_id}.{gw_prefix}.{domain}</c>.</summary>
    public string GatewayName => $"{DcId}.{GwPrefix}.{Domain}";

    /// <summary>A VM's name.</summary>
    public string VmName(string slug) => $"{slug}.{GatewayName}";

    /// <summary>Checks every field; the message names the bad one.</summary>
    public void Validate()
    {
        Require(DcIdValue.Create(DcId).IsSuccess, "gateway.dcId is not a valid dc_id");
        Require(GatewayPrefix.Create(GwPrefix).IsSuccess, "gateway.gwPrefix is not one DNS label");
        Require(DnsDomain.Create(Domain).IsSuccess, "gateway.domain is not a domain name");
        Require(
            IPAddress.TryParse(PublicIpv4, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && ip.ToString() == PublicIpv4,
            "gateway.publicIp must be the gateway's public IPv4 address (dotted quad)");
        Require(DefaultHttpPort is >= 1 and <= 65535, "gateway.httpPort must be a port 1-65535");
        Require(SshPortFirst is >= 1 and <= 65535 && SshPortLast is >= 1 and <= 65535 && SshPortFirst <= SshPortLast,
            "gateway.sshPorts must be a range first-last of ports 1-65535");
        Require(MaxSlugAttempts is >= 1 and <= 64, "gateway.maxSlugAttempts must be 1-64");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
