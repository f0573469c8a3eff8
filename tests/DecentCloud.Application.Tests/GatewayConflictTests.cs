using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

/// <summary>Gateway writes that lose races: retried on fresh state, and a 409 (never an exception, never a silent success) when they lose every time.</summary>
public class GatewayConflictTests
{
    [Fact]
    public async Task A_vm_address_change_that_lost_a_race_is_retried_and_succeeds()
    {
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s => FlakyUnitOfWork.Install(s, faults));
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", "dc-lk");
        var contract = await tenant.LiveContractAsync();
        faults.Add(new ConcurrencyConflictException("a concurrent create of the same name"), times: 2);

        var result = await app.SendAsync(new PublishVmAddress(tenant.Agent, VmAddressAction.Create, "dc-lk", "k7m2p4", "203.0.113.7", contract));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, faults.Resets);
    }

    public static TheoryData<string> Writes => new() { "register", "revoke", "vm-address" };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_gateway_write_that_loses_every_race_is_409_gateway_busy_and_changes_nothing(string write)
    {
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s => FlakyUnitOfWork.Install(s, faults));
        var tenant = await GatewayTenant.CreateAsync(app, "prov-a", "pool-a", "dc-lk");
        var agent = tenant.Agent;
        var contract = await tenant.LiveContractAsync();
        faults.Add(new ConcurrencyConflictException("lost a race"), times: ConflictRetryBehavior<RegisterGateway, FluentResults.Result<GatewayCredentials>>.Attempts);

        FluentResults.IResultBase result = write switch
        {
            "register" => await app.SendAsync(new RegisterGateway(agent, "dc-new", null)),
            "revoke" => await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin")),
            _ => await app.SendAsync(new PublishVmAddress(agent, VmAddressAction.Create, "dc-lk", "k7m2p4", "203.0.113.7", contract)),
        };

        Assert.Equal((ErrorKind.Conflict, GatewayErrors.Busy), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        var gateways = (await app.SendAsync(new ListGatewayCredentials(null))).Value;
        Assert.Equal(["dc-lk"], gateways.Select(g => g.DcId));
        Assert.Null(gateways[0].RevokedAt);
    }

    [Fact]
    public async Task A_failed_immediate_withdrawal_still_revokes_and_is_left_to_the_outbox()
    {
        await using var app = await AppHarness.CreateAsync();
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", new string('a', 43), null));
        app.Publisher.Fail = true;

        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"))).IsSuccess);

        Assert.NotEmpty(app.Publisher.TxtCalls[^1].Values);
        app.Publisher.Fail = false;
        Assert.Equal(1, await app.SendAsync(new DispatchOutbox()));
        Assert.Empty(app.Publisher.TxtCalls[^1].Values);
    }
}
