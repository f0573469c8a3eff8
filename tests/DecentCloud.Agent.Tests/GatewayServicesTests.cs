using DecentCloud.Agent.Common;
using DecentCloud.Agent.Run;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// <c>run</c>'s gateway settings: forwarded SSH ports are DNATed on the gateway's address before Caddy sees a packet, so a
/// range that covers Caddy's own ports would hand its HTTPS (or HTTP) port to one VM's SSH and cut every site off.
/// </summary>
public class GatewayServicesTests
{
    [Theory]
    [InlineData(400, 500, "caddy.httpsPort 443")]
    [InlineData(80, 80, "caddy.httpPort 80")]
    public void A_forwarded_port_range_covering_one_of_caddys_ports_stops_run_naming_both_settings(int first, int last, string named)
    {
        var config = Config(new SshForwardingConfig { Mode = "on", FirstPort = first, LastPort = last });

        var refused = Assert.Throws<InvalidDataException>(() => GatewayServices.Register(new ServiceCollection(), config, "proxmox"));

        Assert.Contains("gateway.sshForwarding.firstPort-lastPort", refused.Message, StringComparison.Ordinal);
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_range_and_a_range_for_a_backend_that_forwards_nothing_are_accepted()
    {
        Assert.NotNull(GatewayServices.Register(new ServiceCollection(), Config(new SshForwardingConfig()), "proxmox"));

        // Without forwarding the range is never used, so it cannot take Caddy's ports.
        var unused = Config(new SshForwardingConfig { Mode = "off", FirstPort = 400, LastPort = 500 });
        Assert.False(GatewayServices.Register(new ServiceCollection(), unused, "proxmox")!.ForwardSsh);
    }

    private static AgentConfig Config(SshForwardingConfig forwarding) => new()
    {
        ApiUrl = "https://api.example.org",
        AgentKeyPath = "/etc/dc-agent/agent.key",
        Gateway = new GatewayConfig("dc-lk", "gw", "decent-cloud.org", Path.Combine(Path.GetTempPath(), "dc-gateway-services"))
        {
            PublicIp = "203.0.113.5",
            SshForwarding = forwarding,
        },
    };
}
