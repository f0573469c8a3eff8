using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>
/// Every VM name points at the gateway's public address (<c>gateway.publicIp</c>): when the operator changes it, the
/// names of the machines already served follow at the next reconcile round, not only those of machines provisioned later.
/// </summary>
public class GatewayPublicAddressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconcile_points_the_live_contracts_names_at_the_gateways_new_public_address()
    {
        var agent = new AgentFixture();
        var (live, ended) = (AgentFixture.NewContract(), AgentFixture.NewContract());
        using (var before = agent.Gateway())
        {
            await agent.Contracts(before).RunAsync(AgentFixture.Pending(live), Ct);
            await agent.Contracts(before).RunAsync(AgentFixture.Pending(ended), Ct);
        }

        agent.Names.Ended.Add(ended.Hex);
        agent.Names.Records[("dc-lk", "legacy")] = (null, "203.0.113.5");
        var moved = AgentFixture.GatewayOptions();
        moved = new GatewayOptions
        {
            DcId = moved.DcId, GwPrefix = moved.GwPrefix, Domain = moved.Domain, PublicIpv4 = "198.51.100.77",
            ForwardSsh = moved.ForwardSsh, SshPortFirst = moved.SshPortFirst, SshPortLast = moved.SshPortLast,
        };
        using var after = agent.Gateway(moved);
        agent.Time.Advance(TimeSpan.FromMinutes(1));

        await agent.Reconciler(after).RunAsync(Ct);

        var slug = agent.Names.SlugOf(live.Hex)!;
        Assert.Equal((live.Hex, "198.51.100.77"), agent.Names.Records[("dc-lk", slug)]);
        Assert.Single(agent.Names.Records);

        // Once moved, a round publishes nothing more.
        var calls = agent.Names.Calls.Count;
        await agent.Reconciler(after).RunAsync(Ct);
        Assert.DoesNotContain(agent.Names.Calls.Skip(calls), c => c.StartsWith("publish", StringComparison.Ordinal));
    }
}
