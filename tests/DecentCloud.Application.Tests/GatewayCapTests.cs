using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>The configured cap on dc_ids per provider (<see cref="GatewayOptions.MaxPerProvider"/>).</summary>
public class GatewayCapTests
{
    [Fact]
    public async Task New_dc_ids_beyond_the_cap_are_refused_with_429_and_audited_while_rotation_and_other_providers_go_on()
    {
        await using var app = await AppHarness.CreateAsync(o => o.MaxPerProvider = 2);
        var agent = AppHarness.Agent("prov-a");
        Assert.True((await app.SendAsync(new RegisterGateway(agent, "dc-a1", null))).IsSuccess);
        Assert.True((await app.SendAsync(new RegisterGateway(agent, "dc-a2", null))).IsSuccess);

        var refused = await app.SendAsync(new RegisterGateway(agent, "dc-a3", "192.0.2.9"));

        Assert.Equal((ErrorKind.LimitExceeded, GatewayQuota.LimitReached), (refused.FirstDomainError().Kind, refused.FirstDomainError().Code));
        Assert.True((await app.SendAsync(new RegisterGateway(agent, "dc-a1", null))).IsSuccess);
        Assert.True((await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-b"), "dc-b1", null))).IsSuccess);
        Assert.Equal(["dc-a1", "dc-a2"], (await app.SendAsync(new ListGatewayCredentials(ProviderId.Create("prov-a").Value))).Value.Select(g => g.DcId));
        var entry = Assert.Single(await app.AuditAsync(), a => a.Outcome == "limit_exceeded");
        Assert.Equal(("gateway.register", "dc-a3", "192.0.2.9"), (entry.Action, entry.Subject, entry.ClientAddress));
    }

    [Fact]
    public async Task Revoked_gateways_count_because_their_dc_id_stays_with_the_provider()
    {
        await using var app = await AppHarness.CreateAsync(o => o.MaxPerProvider = 1);
        var agent = AppHarness.Agent("prov-a");
        await app.SendAsync(new RegisterGateway(agent, "dc-a1", null));
        Assert.True((await app.SendAsync(new RevokeGatewayCredentials(null, "dc-a1", "admin"))).IsSuccess);

        var refused = await app.SendAsync(new RegisterGateway(agent, "dc-a2", null));

        Assert.Equal(GatewayQuota.LimitReached, refused.FirstDomainError().Code);
    }

    [Fact]
    public async Task Gateways_registered_before_quotas_existed_are_counted_from_the_database()
    {
        await using var app = await AppHarness.CreateAsync(o => o.MaxPerProvider = 3);
        var provider = ProviderId.Create("prov-a").Value;
        await using (var scope = app.Scope())
        {
            // Accounts of an older release: no quota row yet.
            var accounts = scope.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>();
            foreach (var dc in new[] { "dc-o1", "dc-o2", "dc-o3" })
            {
                accounts.Add(AcmeDnsAccount.Open(DcId.Create(dc).Value, provider, Guid.NewGuid(), [1], app.Time.GetUtcNow()));
            }

            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        var refused = await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-n1", null));

        Assert.Equal(GatewayQuota.LimitReached, refused.FirstDomainError().Code);
    }

    [Fact]
    public async Task Parallel_registrations_never_exceed_the_cap()
    {
        await using var app = await AppHarness.CreateAsync(o => o.MaxPerProvider = 4);
        var agent = AppHarness.Agent("prov-a");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => app.SendAsync(new RegisterGateway(agent, $"dc-p{i:00}", null)))));

        Assert.All(results.Where(r => r.IsFailed), r => Assert.Contains(r.FirstDomainError().Code, new[] { GatewayQuota.LimitReached, GatewayErrors.Busy }));
        var held = (await app.SendAsync(new ListGatewayCredentials(ProviderId.Create("prov-a").Value))).Value;
        Assert.Equal(results.Count(r => r.IsSuccess), held.Count);
        Assert.InRange(held.Count, 1, 4);
    }
}
