using DecentCloud.Agent.Common;
using DecentCloud.Agent.Gateway;
using DecentCloud.Agent.Setup;
using DecentCloud.Application.ProviderAgent.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Agent.Run;

/// <summary>
/// The gateway's adapters for <c>run</c>: the API's names, the Caddy sites and, for VMs on a private network, the nftables
/// forwards. Every setting is checked here, so a bad one stops <c>run</c> at start with a message naming it.
/// </summary>
internal static class GatewayServices
{
    /// <summary>Registers the adapters and returns the gateway's options, or <c>null</c> when the host has no gateway.</summary>
    public static GatewayOptions? Register(IServiceCollection services, AgentConfig config, string provisionerType)
    {
        if (config.Gateway is not { } gateway)
        {
            return null;
        }

        if (gateway.PublicIp is null)
        {
            throw new InvalidDataException(
                "gateway.publicIp is missing: the public IPv4 address of this host, where the VMs' names point (setup token --gateway-public-ip, or edit the configuration).");
        }

        if (gateway.Caddy.Problems() is [_, ..] problems)
        {
            throw new InvalidDataException(string.Join(" ", problems));
        }

        var forward = gateway.SshForwarding.EnabledFor(provisionerType);
        if (forward && CaddyPortIn(gateway) is { } taken)
        {
            // The forwards are DNATed before Caddy sees a packet: that port would go to one VM's SSH and cut every site off.
            throw new InvalidDataException(
                $"gateway.sshForwarding.firstPort-lastPort ({gateway.SshForwarding.FirstPort}-{gateway.SshForwarding.LastPort}) includes {taken}: choose a range without Caddy's ports.");
        }

        var options = new GatewayOptions
        {
            DcId = gateway.DcId,
            GwPrefix = gateway.GwPrefix,
            Domain = gateway.Domain,
            PublicIpv4 = gateway.PublicIp,
            DefaultHttpPort = gateway.HttpPort,
            ForwardSsh = forward,
            SshPortFirst = gateway.SshForwarding.FirstPort,
            SshPortLast = gateway.SshForwarding.LastPort,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }

        services.AddSingleton<IGatewayNames>(sp => new GatewayNamesClient(sp.GetRequiredService<AgentApi>()));
        services.AddSingleton<IGatewaySites>(_ => new CaddySites(new CaddyFiles(gateway.CaddyDir), gateway.Name, gateway.Caddy));
        if (forward)
        {
            var nft = new NftablesOptions { Table = gateway.SshForwarding.NftTable, NftPath = gateway.SshForwarding.NftPath, PublicAddress = gateway.SshForwarding.PublicAddress };
            nft.Validate();
            services.AddSingleton<IPortForwarder>(new NftablesPortForwarder(nft));
        }

        return options;
    }

    private static string? CaddyPortIn(GatewayConfig gateway)
    {
        var (first, last) = (gateway.SshForwarding.FirstPort, gateway.SshForwarding.LastPort);
        return gateway.Caddy.HttpsPort >= first && gateway.Caddy.HttpsPort <= last ? $"caddy.httpsPort {gateway.Caddy.HttpsPort}"
            : gateway.Caddy.HttpPort >= first && gateway.Caddy.HttpPort <= last ? $"caddy.httpPort {gateway.Caddy.HttpPort}"
            : null;
    }
}
