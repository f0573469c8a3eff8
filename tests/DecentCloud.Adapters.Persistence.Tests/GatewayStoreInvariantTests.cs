using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>What the database itself holds for the gateway stores, on both providers.</summary>
public class GatewayStoreInvariantTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProviderId Provider = ProviderId.Create("prov-a").Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_write_that_required_an_unchanged_account_fails_after_a_concurrent_revocation(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var dc = DcId.Create("dc-lk").Value;
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().Add(AcmeDnsAccount.Open(dc, Provider, Guid.NewGuid(), [1], Now));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var updater = db.Scope();
        await using var revoker = db.Scope();
        var read = await updater.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(dc, Ct);
        updater.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().RequireUnchangedAtSave(read!);
        var revoked = await revoker.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindByDcIdAsync(dc, Ct);
        revoked!.Revoke(Now);
        await revoker.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => updater.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_admissions_read_from_one_quota_row_cannot_both_commit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().AddQuota(GatewayQuota.Start(Provider, 0));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var first = db.Scope();
        await using var second = db.Scope();
        var a = await first.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindQuotaAsync(Provider, Ct);
        var b = await second.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindQuotaAsync(Provider, Ct);
        Assert.True(a!.Admit(1).IsSuccess);
        Assert.True(b!.Admit(1).IsSuccess);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
        await using var check = db.Scope();
        Assert.Equal(1, (await check.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().FindQuotaAsync(Provider, Ct))!.Registered);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_first_quotas_of_one_provider_cannot_both_commit(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.Scope();
        await using var second = db.Scope();
        first.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().AddQuota(GatewayQuota.Start(Provider, 0));
        second.ServiceProvider.GetRequiredService<IAcmeDnsAccountStore>().AddQuota(GatewayQuota.Start(Provider, 0));
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_negative_quota_count_is_refused_by_the_database(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var error = await Record.ExceptionAsync(() => db.ExecuteScriptAsync(
            "INSERT INTO gateway_quotas (\"ProviderId\", \"Registered\", \"Version\") VALUES ('prov-x', -1, 0)"));
        Assert.NotNull(error);
        Assert.Contains("CK_gateway_quotas_Registered", error.Message, StringComparison.Ordinal);
    }
}
