using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>
/// The machine's address comes from the backend, and a Proxmox guest can make its guest agent report anything: an address
/// that is no host's, or that Caddy or nft would refuse, fails that one contract and never enters the set of sites and
/// forwards every other contract shares (one refused entry would refuse the whole set, on every later provisioning and round).
/// </summary>
public class GatewayUpstreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("224.0.0.1")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("10.1")]
    [InlineData("10.0.0.010")]
    public async Task An_ipv4_address_the_gateway_must_not_route_to_fails_that_contract_and_the_others_stay_served(string address)
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        await AssertRefusedAsync(agent, gateway, address, null);
    }

    [Theory]
    [InlineData("::")]
    [InlineData("ff02::1")]
    [InlineData("fe80::1%2")]
    public async Task An_ipv6_address_the_gateway_must_not_route_to_fails_that_contract_and_the_others_stay_served(string address)
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway(AgentFixture.GatewayOptions(forwardSsh: false));
        await AssertRefusedAsync(agent, gateway, null, address);
    }

    [Theory]
    [InlineData("192.0.2.30", null)]
    [InlineData("127.0.0.2", null)] // the end-to-end test's stand-in VMs listen on loopback addresses
    [InlineData(null, "2001:db8::30")]
    public async Task A_unicast_address_of_another_host_is_served(string? ipv4, string? ipv6)
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway(AgentFixture.GatewayOptions(forwardSsh: ipv4 is not null));
        var id = AgentFixture.NewContract();

        var access = await gateway.ExposeAsync(id.Hex, Machine(id.Hex, ipv4, ipv6), 80, Ct);

        Assert.Equal(ipv4 ?? ipv6, Assert.Single(agent.GatewayHost.Sites).Upstream);
        Assert.Equal(access.Slug, agent.Names.SlugOf(id.Hex));
    }

    private static async Task AssertRefusedAsync(AgentFixture agent, VmGateway gateway, string? ipv4, string? ipv6)
    {
        var served = AgentFixture.NewContract();
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(served), Ct);
        var (sites, forwards) = (agent.GatewayHost.Sites, agent.GatewayHost.Forwards);
        var bad = AgentFixture.NewContract();

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => gateway.ExposeAsync(bad.Hex, Machine(bad.Hex, ipv4, ipv6), 80, Ct));

        Assert.Contains(ipv4 ?? ipv6!, refused.Message, StringComparison.Ordinal);
        Assert.Null(agent.Names.SlugOf(bad.Hex));
        Assert.Equal(sites, agent.GatewayHost.Sites);
        Assert.Equal(forwards, agent.GatewayHost.Forwards);
        Assert.DoesNotContain(new GatewayJournal(agent.GatewayStore).Load().Values, e => e.Upstream == (ipv4 ?? ipv6));

        // The next machine is served beside the first one.
        var next = AgentFixture.NewContract();
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(next), Ct);
        Assert.Equal(2, agent.GatewayHost.Sites.Count);
        Assert.NotNull(agent.Provisioned(next).Instance!.GatewaySlug);
    }

    private static ProvisionedInstance Machine(string contractId, string? ipv4, string? ipv6) =>
        new("m-" + contractId[..8], null, "running", ipv4, ipv6, 22, new Dictionary<string, string>());
}
