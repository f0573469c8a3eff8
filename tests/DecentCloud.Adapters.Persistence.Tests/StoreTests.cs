using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

public class StoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DcId Dc = DcId.Create("dc-lk").Value;
    private static readonly ProviderId Provider = ProviderId.Create("prov-a").Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Aggregates_round_trip_with_their_value_objects(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var username = Guid.NewGuid();
        var key = AgentPublicKey.FromHex(new string('b', 64)).Value;
        var pool = AgentPool.Create(Guid.NewGuid(), "pool-a", Provider, Now).Value;
        await using (var scope = db.Scope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(Dc, Provider, username, [1, 2, 3], Now));
            var record = AcmeTxtRecord.Empty(Dc);
            record.Apply(AcmeChallengeValue.Create(new string('a', 43)).Value, Now);
            sp.GetRequiredService<IAcmeTxtRecordStore>().Add(record);
            sp.GetRequiredService<IAgentPoolStore>().Add(pool);
            sp.GetRequiredService<IAgentDelegationStore>().Add(AgentDelegation.Grant(key, Provider, pool.Id, AgentPermissions.DnsManage, Now, Now.AddDays(1)));
            sp.GetRequiredService<ISetupTokenStore>().Add(SetupToken.Issue(Guid.NewGuid(), [9, 9], pool.Id, AgentPermissions.All, Now, TimeSpan.FromHours(1)));
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var sp = scope.ServiceProvider;
            var account = await sp.GetRequiredService<IAcmeDnsAccountStore>().FindByUsernameAsync(username, Ct);
            Assert.Equal((Dc, Provider, Now), (account!.DcId, account.ProviderId, account.CreatedAt));
            Assert.Equal([1, 2, 3], account.SecretHash);
            var record = await sp.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct);
            Assert.Equal([new string('a', 43)], record!.Values);
            Assert.Equal(Now, record.LatestSetAt);
            var delegation = await sp.GetRequiredService<IAgentDelegationStore>().FindAsync(key, Ct);
            Assert.Equal((AgentPermissions.DnsManage, Now.AddDays(1)), (delegation!.Permissions, delegation.ExpiresAt));
            Assert.Equal(pool.Id, (await sp.GetRequiredService<IAgentPoolStore>().FindByNameAsync("pool-a", Ct))!.Id);
            Assert.NotNull(await sp.GetRequiredService<ISetupTokenStore>().FindByHashAsync([9, 9], Ct));
            Assert.Single(await sp.GetRequiredService<IAcmeTxtRecordStore>().ListWithValuesOlderThanAsync(Now.AddTicks(1), Ct));
            Assert.Empty(await sp.GetRequiredService<IAcmeTxtRecordStore>().ListWithValuesOlderThanAsync(Now, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_lost_update_is_a_concurrency_conflict(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().Add(AcmeTxtRecord.Empty(Dc));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var first = db.Scope();
        await using var second = db.Scope();
        var a = await first.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct);
        var b = await second.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct);
        a!.Apply(AcmeChallengeValue.Create(new string('a', 43)).Value, Now);
        b!.Apply(AcmeChallengeValue.Create(new string('b', 43)).Value, Now);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_second_account_for_one_dc_id_is_a_concurrency_conflict(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.Scope();
        await using var second = db.Scope();
        first.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(Dc, Provider, Guid.NewGuid(), [1], Now));
        second.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(Dc, ProviderId.Create("prov-b").Value, Guid.NewGuid(), [2], Now));
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Nonces_are_accepted_once_per_agent_and_forgotten_after_their_window(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var scope = db.Scope();
        var nonces = scope.ServiceProvider.GetRequiredService<INonceStore>();
        var key = AgentPublicKey.FromHex(new string('c', 64)).Value;
        var other = AgentPublicKey.FromHex(new string('d', 64)).Value;
        var nonce = Guid.NewGuid().ToString();
        Assert.True(await nonces.TryRememberAsync(key, nonce, Now.AddMinutes(10), Ct));
        Assert.False(await nonces.TryRememberAsync(key, nonce, Now.AddMinutes(10), Ct));
        Assert.False(await nonces.TryRememberAsync(key, nonce.ToUpperInvariant(), Now.AddMinutes(10), Ct));
        Assert.True(await nonces.TryRememberAsync(other, nonce, Now.AddMinutes(10), Ct));
        Assert.Equal(2, await nonces.ForgetExpiredAsync(Now.AddMinutes(11), Ct));
        Assert.True(await nonces.TryRememberAsync(key, nonce, Now.AddMinutes(20), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Audit_entries_are_written_apart_from_pending_changes(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(Dc, Provider, Guid.NewGuid(), [1], Now));
            await sp.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(Now, "test", "ok", "actor", "dc-lk", "192.0.2.1"), Ct);
            sp.GetRequiredService<IUnitOfWork>().Reset();
        }

        await using (var scope = db.Scope())
        {
            var entry = Assert.Single(await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(10, Ct));
            Assert.Equal(new AuditEntry(Now, "test", "ok", "actor", "dc-lk", "192.0.2.1"), entry);
            Assert.Null(await scope.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(Dc, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_acme_dns_updates_through_the_use_case_keep_two_values(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        GatewayCredentials creds;
        await using (var scope = db.Scope())
        {
            var agent = new AgentPrincipal(AgentPublicKey.FromHex(new string('e', 64)).Value, Provider, Guid.NewGuid(), AgentPermissions.All);
            creds = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterGateway(agent, "dc-lk", null), Ct)).Value;
        }

        var results = await Task.WhenAll("abcdefgh".Select(async c =>
        {
            await using var scope = db.Scope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", new string(c, 43), null), Ct);
        }));
        Assert.All(results, r => Assert.True(r.IsSuccess, string.Join(", ", r.Errors)));
        await using (var scope = db.Scope())
        {
            var record = await scope.ServiceProvider.GetRequiredService<IAcmeTxtRecordStore>().FindAsync(Dc, Ct);
            Assert.Equal(2, record!.Values.Count);
            Assert.Equal(8, (await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(100, Ct)).Count(a => a.Action == "acme_dns.update" && a.Outcome == "ok"));
        }
    }
}
