using System.Net;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using DecentCloud.Domain.Tests;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Issue 11: a VM's name <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c> belongs to one live contract of the agent's pool;
/// the API is the authority on which slugs are free, and the user's contract says where the machine is.
/// </summary>
public class GatewayNameTests
{
    private const string Dc = "dc-lk";
    private const string Ip = "203.0.113.7";

    private static string Fqdn(string slug) => $"{slug}.{Dc}.gw.decent-cloud.org";

    private static PublishVmAddress Create(GatewayTenant tenant, string slug, string? contract, string ip = Ip) =>
        new(tenant.Agent, VmAddressAction.Create, Dc, slug, ip, contract);

    private static PublishVmAddress Delete(GatewayTenant tenant, string slug, string? contract = null) =>
        new(tenant.Agent, VmAddressAction.Delete, Dc, slug, null, contract);

    private static (ErrorKind, string) Error(IResultBase result) => (result.FirstDomainError().Kind, result.FirstDomainError().Code);

    private static async Task<IReadOnlyList<IPAddress>> ResolveAsync(AppHarness app, string slug) =>
        (await app.SendAsync(new LookupZoneName(Fqdn(slug)))).Addresses;

    [Theory]
    [InlineData(null)]
    [InlineData("not-hex")]
    [InlineData("abcd")]
    public async Task A_create_needs_a_well_formed_contract_id(string? contract)
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);

        var result = await app.SendAsync(Create(tenant, "k7m2p4", contract));

        Assert.Equal((ErrorKind.Validation, "invalid_contract_id"), Error(result));
        Assert.Empty(app.Publisher.AddressCalls);
    }

    [Fact]
    public async Task A_slug_another_live_contract_holds_is_409_slug_taken_and_nothing_changes()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var first = await tenant.LiveContractAsync();
        var second = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", first))).IsSuccess);
        var calls = app.Publisher.AddressCalls.Count;

        var taken = await app.SendAsync(Create(tenant, "k7m2p4", second, "198.51.100.9"));

        Assert.Equal((ErrorKind.Conflict, VmAddressRecord.SlugTaken), Error(taken));
        Assert.Equal(calls, app.Publisher.AddressCalls.Count);
        Assert.Equal([IPAddress.Parse(Ip)], await ResolveAsync(app, "k7m2p4"));
        var listed = Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value);
        Assert.Equal(first, listed.ContractId);
    }

    [Fact]
    public async Task A_slug_of_a_contract_that_ended_is_taken_over()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var ended = await tenant.LiveContractAsync();
        var next = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", ended))).IsSuccess);
        await tenant.EndAsync(ended);

        var taken = await app.SendAsync(Create(tenant, "k7m2p4", next, "198.51.100.9"));

        Assert.True(taken.IsSuccess, string.Join(", ", taken.Errors));
        Assert.Equal([IPAddress.Parse("198.51.100.9")], await ResolveAsync(app, "k7m2p4"));
        var listed = Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value);
        Assert.Equal((next, true), (listed.ContractId, listed.ContractAlive));
    }

    [Fact]
    public async Task A_legacy_name_of_no_contract_is_taken_over()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().Add(VmAddressRecord.Create(
                DcId.Create(Dc).Value, VmSlug.Create("k7m2p4").Value, IPAddress.Parse(Ip), tenant.Agent.ProviderId, app.Time.GetUtcNow()));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.Null(Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value).ContractId);
        var contract = await tenant.LiveContractAsync();

        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", contract))).IsSuccess);
        Assert.Equal(contract, Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value).ContractId);
    }

    [Fact]
    public async Task A_contract_has_at_most_one_name_and_its_old_name_goes_from_dns_and_the_store()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "aaaaaa", contract))).IsSuccess);

        Assert.True((await app.SendAsync(Create(tenant, "bbbbbb", contract))).IsSuccess);

        Assert.Equal(["bbbbbb"], (await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value.Select(n => n.Slug));
        Assert.Empty(await ResolveAsync(app, "aaaaaa"));
        Assert.Contains((Fqdn("aaaaaa"), (string?)null), app.Publisher.AddressCalls);
        Assert.Equal([IPAddress.Parse(Ip)], await ResolveAsync(app, "bbbbbb"));
    }

    [Fact]
    public async Task A_contract_taking_over_an_ended_contracts_name_gives_up_its_own_in_the_same_change()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var ended = await tenant.LiveContractAsync();
        var contract = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "bbbbbb", ended))).IsSuccess);
        Assert.True((await app.SendAsync(Create(tenant, "aaaaaa", contract))).IsSuccess);
        await tenant.EndAsync(ended);

        var taken = await app.SendAsync(Create(tenant, "bbbbbb", contract, "198.51.100.9"));

        Assert.True(taken.IsSuccess, string.Join(", ", taken.Errors));
        var name = Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value);
        Assert.Equal(("bbbbbb", contract, "198.51.100.9"), (name.Slug, name.ContractId, name.Ipv4));
        Assert.Empty(await ResolveAsync(app, "aaaaaa"));
    }

    [Fact]
    public async Task A_claim_that_lost_a_race_puts_dns_back_to_what_the_database_holds_before_it_runs_again()
    {
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s => FlakyUnitOfWork.Install(s, faults));
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var ended = await tenant.LiveContractAsync();
        var contract = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", ended))).IsSuccess);
        await tenant.EndAsync(ended);
        var before = app.Publisher.AddressCalls.Count;
        faults.Add(new ConcurrencyConflictException("another instance committed first"));

        var taken = await app.SendAsync(Create(tenant, "k7m2p4", contract, "198.51.100.9"));

        Assert.True(taken.IsSuccess, string.Join(", ", taken.Errors));
        Assert.Equal(
            [(Fqdn("k7m2p4"), "198.51.100.9"), (Fqdn("k7m2p4"), Ip), (Fqdn("k7m2p4"), "198.51.100.9")],
            app.Publisher.AddressCalls.Skip(before));
    }

    [Fact]
    public async Task Repeating_a_create_is_a_no_op_and_a_new_address_moves_the_name()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.LiveContractAsync();
        var first = await app.SendAsync(Create(tenant, "k7m2p4", contract));
        var stamp = Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value).UpdatedAt;
        var calls = app.Publisher.AddressCalls.Count;
        app.Time.Advance(TimeSpan.FromMinutes(1));

        var again = await app.SendAsync(Create(tenant, "k7m2p4", contract));

        Assert.Equal(first.Value, again.Value);
        Assert.Equal(calls, app.Publisher.AddressCalls.Count);
        Assert.Equal(stamp, Assert.Single((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value).UpdatedAt);

        var moved = await app.SendAsync(Create(tenant, "k7m2p4", contract, "198.51.100.9"));

        Assert.Equal("198.51.100.9", moved.Value.Ipv4);
        Assert.Equal((Fqdn("k7m2p4"), (string?)"198.51.100.9"), app.Publisher.AddressCalls[^1]);
        Assert.Equal([IPAddress.Parse("198.51.100.9")], await ResolveAsync(app, "k7m2p4"));
    }

    [Fact]
    public async Task A_contract_of_another_pool_or_provider_is_not_found_for_this_agent()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var otherProvider = await GatewayTenant.CreateAsync(app, "prov-b", "pool-b", "dc-zz");
        var otherPool = await GatewayTenant.CreateAsync(app, "prov-a", "pool-other", null);

        var ofOtherProvider = await app.SendAsync(Create(tenant, "k7m2p4", await otherProvider.LiveContractAsync()));
        var ofOtherPool = await app.SendAsync(Create(tenant, "k7m2p4", await otherPool.LiveContractAsync()));
        var unknown = await app.SendAsync(Create(tenant, "k7m2p4", new string('e', 64)));

        Assert.All([ofOtherProvider, ofOtherPool, unknown], r => Assert.Equal((ErrorKind.NotFound, "contract_not_found"), Error(r)));
        Assert.Empty(app.Publisher.AddressCalls);
    }

    public static TheoryData<ContractState[]> NotLive => new()
    {
        Array.Empty<ContractState>(),
        new[] { ContractState.Pending },
        new[] { ContractState.Rejected },
        new[] { ContractState.Accepted, ContractState.Cancelled },
        new[] { ContractState.Accepted, ContractState.ProvisioningFailed },
        new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active, ContractState.Completed },
    };

    [Theory]
    [MemberData(nameof(NotLive))]
    public async Task A_contract_before_acceptance_or_ended_is_409_contract_not_live(ContractState[] path)
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.ContractAsync(path);

        var result = await app.SendAsync(Create(tenant, "k7m2p4", contract));

        Assert.Equal((ErrorKind.Conflict, VmNameErrors.ContractNotLive), Error(result));
        Assert.Empty(app.Publisher.AddressCalls);
    }

    public static TheoryData<ContractState[]> Live => new()
    {
        new[] { ContractState.Accepted },
        new[] { ContractState.Accepted, ContractState.Provisioning },
        new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned },
        new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active },
        new[] { ContractState.Accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Paused },
    };

    [Theory]
    [MemberData(nameof(Live))]
    public async Task A_live_contract_gets_its_name(ContractState[] path)
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);

        var result = await app.SendAsync(Create(tenant, "k7m2p4", await tenant.ContractAsync(path)));

        Assert.True(result.IsSuccess, string.Join(", ", result.Errors));
    }

    [Fact]
    public async Task A_delete_naming_another_contract_is_409_slug_taken_and_keeps_the_name()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var holder = await tenant.LiveContractAsync();
        var other = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", holder))).IsSuccess);

        var refused = await app.SendAsync(Delete(tenant, "k7m2p4", other));

        Assert.Equal((ErrorKind.Conflict, VmAddressRecord.SlugTaken), Error(refused));
        Assert.Equal([IPAddress.Parse(Ip)], await ResolveAsync(app, "k7m2p4"));

        Assert.True((await app.SendAsync(Delete(tenant, "k7m2p4", holder))).IsSuccess);
        Assert.Empty(await ResolveAsync(app, "k7m2p4"));
        Assert.Equal((Fqdn("k7m2p4"), (string?)null), app.Publisher.AddressCalls[^1]);
        Assert.True((await app.SendAsync(Delete(tenant, "k7m2p4", holder))).IsSuccess); // idempotent
    }

    [Fact]
    public async Task A_delete_without_a_contract_id_removes_the_name_as_before()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", await tenant.LiveContractAsync()))).IsSuccess);

        Assert.True((await app.SendAsync(Delete(tenant, "k7m2p4"))).IsSuccess);

        Assert.Empty((await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value);
    }

    [Fact]
    public async Task An_agent_of_another_pool_of_the_provider_can_neither_delete_a_live_contracts_name_nor_then_take_its_slug()
    {
        await using var app = await AppHarness.CreateAsync();
        var owner = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var otherPool = await GatewayTenant.CreateAsync(app, "prov-a", "pool-other", null);
        var holder = await owner.LiveContractAsync();
        var theirs = await otherPool.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(owner, "k7m2p4", holder))).IsSuccess);
        var calls = app.Publisher.AddressCalls.Count;

        var withoutContract = await app.SendAsync(Delete(otherPool, "k7m2p4"));
        var namingTheHolder = await app.SendAsync(Delete(otherPool, "k7m2p4", holder));
        var takeOver = await app.SendAsync(Create(otherPool, "k7m2p4", theirs, "198.51.100.66"));

        Assert.All([withoutContract, namingTheHolder, takeOver], r => Assert.Equal((ErrorKind.Conflict, VmAddressRecord.SlugTaken), Error(r)));
        Assert.Equal(calls, app.Publisher.AddressCalls.Count);
        Assert.Equal([IPAddress.Parse(Ip)], await ResolveAsync(app, "k7m2p4"));
        Assert.Equal(holder, Assert.Single((await app.SendAsync(new ListVmNames(owner.Agent, Dc))).Value).ContractId);

        // Once the contract has ended its name is stale, and any agent of the provider may remove it (a reconcile round).
        await owner.EndAsync(holder);
        Assert.True((await app.SendAsync(Delete(otherPool, "k7m2p4", holder))).IsSuccess);
        Assert.Empty(await ResolveAsync(app, "k7m2p4"));
    }

    [Fact]
    public async Task Another_providers_agent_can_neither_create_change_delete_nor_list_a_name_under_the_dc_id()
    {
        await using var app = await AppHarness.CreateAsync();
        var owner = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var intruder = await GatewayTenant.CreateAsync(app, "prov-b", "pool-b", "dc-zz");
        var ownContract = await owner.LiveContractAsync();
        var intruderContract = await intruder.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(owner, "k7m2p4", ownContract))).IsSuccess);
        var calls = app.Publisher.AddressCalls.Count;

        var create = await app.SendAsync(Create(intruder, "newone", intruderContract));
        var change = await app.SendAsync(Create(intruder, "k7m2p4", intruderContract, "198.51.100.66"));
        var delete = await app.SendAsync(Delete(intruder, "k7m2p4"));
        var list = await app.SendAsync(new ListVmNames(intruder.Agent, Dc));

        Assert.All(new IResultBase[] { create, change, delete, list }, r => Assert.Equal((ErrorKind.Forbidden, VmNameErrors.DcIdNotOwned), Error(r)));
        Assert.Equal(calls, app.Publisher.AddressCalls.Count);
        Assert.Equal([IPAddress.Parse(Ip)], await ResolveAsync(app, "k7m2p4"));
    }

    [Fact]
    public async Task The_list_gives_every_name_of_the_gateway_by_slug_with_whether_its_contract_is_live()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var live = await tenant.LiveContractAsync();
        var ended = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "zzzzzz", live))).IsSuccess);
        Assert.True((await app.SendAsync(Create(tenant, "aaaaaa", ended, "198.51.100.2"))).IsSuccess);
        await tenant.EndAsync(ended);

        var names = (await app.SendAsync(new ListVmNames(tenant.Agent, Dc))).Value;

        Assert.Equal(
            [
                new VmNameView(Dc, "aaaaaa", Fqdn("aaaaaa"), "198.51.100.2", ended, false, app.Time.GetUtcNow()),
                new VmNameView(Dc, "zzzzzz", Fqdn("zzzzzz"), Ip, live, true, app.Time.GetUtcNow()),
            ],
            names);
        Assert.Equal((ErrorKind.Validation, "invalid_dc_id"), Error(await app.SendAsync(new ListVmNames(tenant.Agent, "DC!"))));
    }

    [Theory]
    [InlineData("k7m2p4", null, true)]
    [InlineData("k7m2p4", "k7m2p4.dc-lk.gw.decent-cloud.org", true)]
    [InlineData("other1", null, false)]
    [InlineData("k7m2p4", "k7m2p4.dc-zz.gw.decent-cloud.org", false)]
    public async Task A_provisioned_report_must_name_the_gateway_name_the_api_holds_for_the_contract(string slug, string? subdomain, bool known)
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.ContractAsync(ContractState.Accepted, ContractState.Provisioning);
        var other = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", contract))).IsSuccess);
        Assert.True((await app.SendAsync(Create(tenant, "other1", other))).IsSuccess);
        var instance = subdomain is null
            ? $$"""{"ipv4":"10.0.0.5","gatewaySlug":"{{slug}}"}"""
            : $$"""{"ipv4":"10.0.0.5","gatewaySlug":"{{slug}}","gatewaySubdomain":"{{subdomain}}"}""";

        var result = await app.SendAsync(new ReportProvisioningStatus(tenant.Agent, contract, "provisioned", "vm-1", instance, "ubuntu", "{}", null));

        if (known)
        {
            // Past the name check, the (empty) credential envelope is what is refused.
            Assert.NotEqual(VmNameErrors.UnknownGatewayName, result.FirstDomainError().Code);
        }
        else
        {
            Assert.Equal((ErrorKind.Validation, VmNameErrors.UnknownGatewayName), Error(result));
        }
    }

    [Theory]
    [InlineData("other1.dc-lk.gw.decent-cloud.org", false)] // another live contract's name
    [InlineData("login.example.org", false)]
    [InlineData("k7m2p4.dc-lk.gw.decent-cloud.org", true)]
    public async Task A_provisioned_report_naming_only_a_subdomain_must_name_the_contracts_own_name(string subdomain, bool known)
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.ContractAsync(ContractState.Accepted, ContractState.Provisioning);
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", contract))).IsSuccess);
        Assert.True((await app.SendAsync(Create(tenant, "other1", await tenant.LiveContractAsync()))).IsSuccess);

        var result = await app.SendAsync(new ReportProvisioningStatus(
            tenant.Agent, contract, "provisioned", "vm-1", $$"""{"ipv4":"10.0.0.5","gatewaySubdomain":"{{subdomain}}"}""", "ubuntu", "{}", null));

        // Past the name check, the (empty) credential envelope is what is refused.
        Assert.Equal(known, result.FirstDomainError().Code != VmNameErrors.UnknownGatewayName);
        Assert.True(result.IsFailed);
    }

    [Fact]
    public async Task A_provisioned_report_naming_a_slug_before_any_name_was_published_is_400_unknown_gateway_name()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var contract = await tenant.ContractAsync(ContractState.Accepted, ContractState.Provisioning);

        var result = await app.SendAsync(new ReportProvisioningStatus(tenant.Agent, contract, "provisioned", "vm-1", """{"gatewaySlug":"k7m2p4"}""", "ubuntu", "{}", null));

        Assert.Equal((ErrorKind.Validation, VmNameErrors.UnknownGatewayName), Error(result));
    }

    [Fact]
    public async Task The_users_contract_says_where_the_machine_is_once_provisioned_and_not_after_it_ended()
    {
        await using var app = await AppHarness.CreateAsync();
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", Dc);
        var user = new Accounts.AccountPrincipal(new string('d', 64), TestTerms.Account);
        var named = await tenant.LiveContractAsync();
        var plain = await tenant.LiveContractAsync();
        var cloud = await tenant.LiveContractAsync();
        Assert.True((await app.SendAsync(Create(tenant, "k7m2p4", named))).IsSuccess);
        Assert.True((await app.SendAsync(Create(tenant, "c10ud1", cloud))).IsSuccess);

        Assert.Null((await app.SendAsync(new GetAccountContract(user, named))).Value.Access);

        await tenant.ProvisionAsync(named, """{"ipv4":"10.0.0.5","publicIp":"203.0.113.7","sshPort":20022,"gatewaySlug":"k7m2p4"}""");
        await tenant.ProvisionAsync(plain, """{"ipv4":"10.0.0.6","publicIp":"198.51.100.6"}""", loginUser: "root");
        await tenant.ProvisionAsync(cloud, """{"ipv4":"198.51.100.9","publicIp":"198.51.100.9","sshPort":22,"gatewaySlug":"c10ud1"}""");

        Assert.Equal(new ContractAccessView("https://" + Fqdn("k7m2p4"), Fqdn("k7m2p4"), 20022, "ubuntu"), (await app.SendAsync(new GetAccountContract(user, named))).Value.Access);
        Assert.Equal(new ContractAccessView(null, "198.51.100.6", 22, "root"), (await app.SendAsync(new GetAccountContract(user, plain))).Value.Access);

        // A cloud machine named behind the gateway for HTTPS: its name leads to the gateway host, so SSH keeps the machine's own address.
        Assert.Equal(new ContractAccessView("https://" + Fqdn("c10ud1"), "198.51.100.9", 22, "ubuntu"), (await app.SendAsync(new GetAccountContract(user, cloud))).Value.Access);

        await tenant.EndAsync(named);
        Assert.Null((await app.SendAsync(new GetAccountContract(user, named))).Value.Access);
    }
}
