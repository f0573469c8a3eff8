using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>Issue 11: a provisioned machine gets a name, a Caddy site and (on a private network) an SSH port; all go when it does.</summary>
public class GatewayTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_provisioned_machine_is_named_served_and_forwarded_and_the_report_says_where()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        var id = AgentFixture.NewContract();

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);

        var slug = agent.Names.SlugOf(id.Hex);
        Assert.NotNull(slug);
        Assert.Matches("^[a-z0-9]{6}$", slug);
        Assert.Equal(("203.0.113.5", id.Hex), (agent.Names.Records[("dc-lk", slug)].Ipv4, agent.Names.Records[("dc-lk", slug)].ContractId));
        var fqdn = $"{slug}.dc-lk.gw.decent-cloud.org";
        Assert.Equal([new VmSite(slug, fqdn, "192.0.2.20", 80)], agent.GatewayHost.Sites);
        Assert.Equal([new PortForward(20000, "192.0.2.20", 22, id.Hex)], agent.GatewayHost.Forwards);
        var instance = agent.Provisioned(id).Instance!;
        Assert.Equal(("192.0.2.20", "203.0.113.5", 20000, slug, fqdn, 20000, 20000),
            (instance.Ipv4, instance.PublicIp, instance.SshPort, instance.GatewaySlug, instance.GatewaySubdomain, instance.GatewayPortStart, instance.GatewayPortEnd));
    }

    [Fact]
    public async Task A_machine_with_its_own_public_address_keeps_it_for_SSH_and_still_gets_its_HTTPS_name()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway(AgentFixture.GatewayOptions(forwardSsh: false));
        var id = AgentFixture.NewContract();

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id) with { InstanceConfig = "{\"image\":\"x\",\"httpPort\":8080}" }, Ct);

        var slug = agent.Names.SlugOf(id.Hex)!;
        Assert.Equal([new VmSite(slug, $"{slug}.dc-lk.gw.decent-cloud.org", "192.0.2.20", 8080)], agent.GatewayHost.Sites);
        Assert.Empty(agent.GatewayHost.Forwards);
        var instance = agent.Provisioned(id).Instance!;
        Assert.Equal(("192.0.2.20", 22, slug, (int?)null), (instance.PublicIp, instance.SshPort, instance.GatewaySlug, instance.GatewayPortStart));
    }

    [Fact]
    public async Task A_slug_the_API_says_is_taken_is_replaced_by_a_new_random_one_always_under_the_gateways_own_dc_id()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        agent.Names.RefuseNext = 3;
        var id = AgentFixture.NewContract();

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);

        var publishes = agent.Names.Calls.Where(c => c.StartsWith("publish", StringComparison.Ordinal)).Select(c => c.Split(' ')).ToList();
        Assert.Equal(4, publishes.Count);
        Assert.All(publishes, p => Assert.Equal(("dc-lk", id.Hex, "203.0.113.5"), (p[1], p[3], p[4])));
        Assert.Equal(4, publishes.Select(p => p[2]).Distinct().Count());
        Assert.Equal(publishes[^1][2], agent.Names.SlugOf(id.Hex));
        Assert.Equal(publishes[^1][2], agent.Provisioned(id).Instance!.GatewaySlug);
    }

    [Fact]
    public async Task When_every_slug_tried_is_taken_the_contract_fails_with_the_reason_and_gives_its_port_back()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        agent.Names.RefuseNext = int.MaxValue;
        var id = AgentFixture.NewContract();

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Equal(["provisioning", "provisioning_failed"], agent.StatusesOf(id));
        Assert.Contains("no free name under dc-lk.gw.decent-cloud.org", agent.Api.Reports.Last().Report.Reason, StringComparison.Ordinal);
        Assert.Equal(8, agent.Names.Calls.Count(c => c.StartsWith("publish", StringComparison.Ordinal)));
        Assert.Empty(new GatewayJournal(agent.GatewayStore).Load());
        Assert.Empty(agent.GatewayHost.Sites);
    }

    [Fact]
    public async Task A_full_port_range_fails_the_next_contract_before_any_machine_is_created_and_a_released_port_is_reused()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway(AgentFixture.GatewayOptions(firstPort: 20000, lastPort: 20001));
        var (a, b, c, d) = (AgentFixture.NewContract(), AgentFixture.NewContract(), AgentFixture.NewContract(), AgentFixture.NewContract());
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(a), Ct);
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(b), Ct);

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(c), Ct);

        Assert.Equal(["provisioning", "provisioning_failed"], agent.StatusesOf(c));
        Assert.Contains("no free SSH port on gateway dc-lk.gw.decent-cloud.org: all 2 ports of 20000-20001 are held", agent.Api.Reports.Last().Report.Reason, StringComparison.Ordinal);
        Assert.Equal(2, agent.Backend.Requests.Count);
        Assert.Equal([20000, 20001], agent.GatewayHost.Forwards.Select(f => f.PublicPort).Order());

        // a's machine is terminated by reconcile: its port, site and name go, and the next contract gets that port.
        var machineA = agent.Backend.Machines.Values.Single(m => m.ContractId == a);
        agent.Api.Reconcile = new ReconcileReply([], [new ReconciledInstance(machineA.ExternalId, a.Hex)], [], [], []);
        await agent.Reconciler(gateway).RunAsync(Ct);
        Assert.Null(agent.Names.SlugOf(a.Hex));
        Assert.Equal([20001], agent.GatewayHost.Forwards.Select(f => f.PublicPort));
        Assert.Equal([agent.Names.SlugOf(b.Hex)], agent.GatewayHost.Sites.Select(s => s.Slug));

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(d), Ct);
        Assert.Equal(20000, agent.Provisioned(d).Instance!.SshPort);
    }

    [Fact]
    public async Task Provisionings_running_at_once_never_get_the_same_port_or_name_and_the_range_holds_exactly_its_size()
    {
        var agent = new AgentFixture();
        agent.GatewayStore.ReadDelay = TimeSpan.FromMilliseconds(2);
        using var gateway = agent.Gateway(AgentFixture.GatewayOptions(firstPort: 20000, lastPort: 20011));
        var ids = Enumerable.Range(0, 16).Select(_ => AgentFixture.NewContract()).ToList();

        await Task.WhenAll(ids.Select(id => Task.Run(() => agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct), Ct)));

        var provisioned = ids.Where(id => agent.StatusesOf(id).Contains("provisioned")).ToList();
        Assert.Equal(12, provisioned.Count);
        Assert.All(ids.Except(provisioned), id => Assert.Contains("no free SSH port", agent.Api.Reports.Single(r => r.ContractId == id.Hex && r.Report.Status == "provisioning_failed").Report.Reason, StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(20000, 12), provisioned.Select(id => agent.Provisioned(id).Instance!.SshPort!.Value).Order());
        Assert.Equal(12, provisioned.Select(id => agent.Provisioned(id).Instance!.GatewaySlug).Distinct().Count());
        Assert.Equal(Enumerable.Range(20000, 12), agent.GatewayHost.Forwards.Select(f => f.PublicPort).Order());
        Assert.Equal(12, new GatewayJournal(agent.GatewayStore).Load().Count);
    }

    [Fact]
    public async Task A_restarted_agent_asks_for_the_same_name_and_port_it_reserved_before_the_crash()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();
        GatewayEntry reserved;
        using (var before = agent.Gateway())
        {
            reserved = await before.ReserveAsync(id.Hex, 80, Ct);
        }

        using var after = agent.Gateway();
        await agent.Contracts(after).RunAsync(AgentFixture.Pending(id), Ct);

        var instance = agent.Provisioned(id).Instance!;
        Assert.Equal((reserved.Slug, reserved.SshPort), (instance.GatewaySlug, instance.SshPort));
        Assert.Single(agent.Names.Records);
    }

    [Fact]
    public async Task A_site_the_web_server_refuses_leaves_the_contract_provisioning_for_the_next_poll_not_failed()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        agent.GatewayHost.RefuseSites = new GatewayException("caddy reload failed: bad config");
        var id = AgentFixture.NewContract();

        await Assert.ThrowsAsync<GatewayException>(() => agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct));

        Assert.Equal(["provisioning"], agent.StatusesOf(id));
        agent.GatewayHost.RefuseSites = null;
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);
        Assert.Equal(["provisioning", "provisioning", "provisioned"], agent.StatusesOf(id));
        Assert.Single(agent.Backend.Machines);
        Assert.Single(agent.Names.Records);
    }

    [Fact]
    public async Task A_bad_http_port_in_the_offering_fails_the_contract_with_the_reason()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        var id = AgentFixture.NewContract();

        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id) with { InstanceConfig = "{\"httpPort\":70000}" }, Ct);

        Assert.Equal(["provisioning", "provisioning_failed"], agent.StatusesOf(id));
        Assert.Empty(agent.Backend.Requests);
    }

    [Fact]
    public async Task Reconcile_removes_the_names_of_ended_contracts_and_forgets_their_sites_and_ports_but_keeps_live_and_in_flight_ones()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        var (live, ended, inFlight) = (AgentFixture.NewContract(), AgentFixture.NewContract(), AgentFixture.NewContract());
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(live), Ct);
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(ended), Ct);
        await gateway.ReserveAsync(inFlight.Hex, 80, Ct);
        agent.State.Track(inFlight.Hex, Task.CompletedTask);
        agent.Names.Records[("dc-lk", "legacy")] = (null, "203.0.113.5");
        agent.Names.Ended.Add(ended.Hex);
        agent.Time.Advance(TimeSpan.FromMinutes(1));

        await agent.Reconciler(gateway).RunAsync(Ct);

        Assert.Equal([live.Hex], agent.Names.Records.Values.Select(r => r.ContractId));
        Assert.Equal(new[] { live.Hex, inFlight.Hex }.Order(StringComparer.Ordinal), new GatewayJournal(agent.GatewayStore).Load().Keys.Order(StringComparer.Ordinal));
        Assert.Equal([agent.Names.SlugOf(live.Hex)], agent.GatewayHost.Sites.Select(s => s.Slug));
        Assert.Equal([live.Hex], agent.GatewayHost.Forwards.Select(f => f.ContractId));
        Assert.All(agent.Names.Calls, c => Assert.Contains(" dc-lk ", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_published_while_reconcile_was_listing_the_names_is_kept()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        var id = AgentFixture.NewContract();
        agent.Names.AfterList = async () =>
        {
            agent.Names.AfterList = null;
            agent.Time.Advance(TimeSpan.FromSeconds(1));
            await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);
        };

        await agent.Reconciler(gateway).RunAsync(Ct);

        var slug = agent.Names.SlugOf(id.Hex);
        Assert.NotNull(slug);
        Assert.Equal([slug], agent.GatewayHost.Sites.Select(s => s.Slug));
        Assert.Equal([id.Hex], new GatewayJournal(agent.GatewayStore).Load().Keys);
    }

    [Fact]
    public async Task Reconcile_rebuilds_the_sites_and_forwards_from_the_journal_after_the_host_lost_them()
    {
        var agent = new AgentFixture();
        using var gateway = agent.Gateway();
        var id = AgentFixture.NewContract();
        await agent.Contracts(gateway).RunAsync(AgentFixture.Pending(id), Ct);
        var sites = agent.GatewayHost.Sites;
        var forwards = agent.GatewayHost.Forwards;
        await agent.GatewayHost.ApplyAsync(Array.Empty<VmSite>(), Ct);
        await agent.GatewayHost.ApplyAsync(Array.Empty<PortForward>(), Ct);
        agent.Time.Advance(TimeSpan.FromMinutes(1));

        await agent.Reconciler(gateway).RunAsync(Ct);

        Assert.Equal(sites, agent.GatewayHost.Sites);
        Assert.Equal(forwards, agent.GatewayHost.Forwards);
    }

    [Fact]
    public void The_lowest_free_port_is_handed_out_and_none_when_all_are_held()
    {
        Assert.Equal(20000, SshPortAllocator.Next(20000, 20002, []));
        Assert.Equal(20001, SshPortAllocator.Next(20000, 20002, [20000, 20002]));
        Assert.Null(SshPortAllocator.Next(20000, 20002, [20002, 20000, 20001]));
        Assert.Equal(22, SshPortAllocator.Next(22, 22, [21, 23]));
    }

    [Fact]
    public void The_allocator_never_hands_out_a_held_port_nor_skips_a_free_lower_one()
    {
        var random = new Random(11);
        for (var round = 0; round < 2000; round++)
        {
            var first = random.Next(1, 65000);
            var last = first + random.Next(0, 40);
            var held = Enumerable.Range(first - 3, last - first + 7).Where(_ => random.Next(3) > 0).ToHashSet();
            var next = SshPortAllocator.Next(first, last, held);
            var free = Enumerable.Range(first, last - first + 1).Where(p => !held.Contains(p)).ToList();
            Assert.Equal(free.Count == 0 ? null : free.Min(), next);
        }
    }

    [Fact]
    public void Options_name_their_bad_field()
    {
        var bad = new GatewayOptions { DcId = "dc-lk", GwPrefix = "gw", Domain = "decent-cloud.org", PublicIpv4 = "10.0.0.300" };
        Assert.Contains("gateway.publicIp", Assert.Throws<ArgumentException>(bad.Validate).Message, StringComparison.Ordinal);
        var range = AgentFixture.GatewayOptions(firstPort: 30000, lastPort: 20000);
        Assert.Contains("gateway.sshPorts", Assert.Throws<ArgumentException>(range.Validate).Message, StringComparison.Ordinal);
        AgentFixture.GatewayOptions().Validate();
    }

    [Fact]
    public async Task Without_a_gateway_nothing_is_named_and_the_machine_reports_its_own_address()
    {
        var agent = new AgentFixture();
        var id = AgentFixture.NewContract();

        await agent.Contracts().RunAsync(AgentFixture.Pending(id), Ct);

        Assert.Empty(agent.Names.Calls);
        var instance = agent.Provisioned(id).Instance!;
        Assert.Equal(("192.0.2.20", 22, (string?)null), (instance.PublicIp, instance.SshPort, instance.GatewaySlug));
    }
}
