using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>The provider's contract list and answer on both databases: the response time is kept, and two answers cannot both land.</summary>
public sealed class ProviderSelfServiceStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_response_time_round_trips_and_the_list_is_the_providers_own_by_state_newest_first(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var ids = new List<ContractId>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await AddAsync(db, i, "prov-a", Now.AddMinutes(i)));
        }

        await AddAsync(db, 9, "prov-b", Now);
        await using (var scope = db.Scope())
        {
            var contract = await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(ids[1], Ct);
            Assert.True(contract!.DecideAsProvider(false, "provider:a", "full", Now.AddMinutes(1).AddSeconds(42)).IsSuccess);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var read = db.Scope();
        var store = read.ServiceProvider.GetRequiredService<IProviderSelfServiceStore>();
        var providerA = ProviderId.Create("prov-a").Value;
        Assert.Equal(Enumerable.Reverse(ids), (await store.ListContractsAsync(providerA, null, 0, 10, Ct)).Select(c => c.Id));
        Assert.Equal([ids[2], ids[1]], (await store.ListContractsAsync(providerA, null, 1, 2, Ct)).Select(c => c.Id));
        var rejected = Assert.Single(await store.ListContractsAsync(providerA, ContractState.Rejected, 0, 10, Ct));
        Assert.Equal((ids[1], TimeSpan.FromSeconds(42)), (rejected.Id, rejected.ProviderResponseTime));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_accept_and_a_reject_read_at_once_cannot_both_be_saved(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await AddAsync(db, 1, "prov-a", Now);

        await using var first = db.Scope();
        await using var second = db.Scope();
        var a = await first.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct);
        var b = await second.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct);
        Assert.True(a!.DecideAsProvider(true, "provider:a", string.Empty, Now.AddSeconds(5)).IsSuccess);
        Assert.True(b!.DecideAsProvider(false, "provider:a", "no", Now.AddSeconds(6)).IsSuccess);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));

        await using var read = db.Scope();
        var stored = await read.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct);
        Assert.Equal((ContractState.Accepted, TimeSpan.FromSeconds(5)), (stored!.State, stored.ProviderResponseTime));
        Assert.Single(stored.History);
    }

    private static async Task<ContractId> AddAsync(TestDatabase db, int n, string provider, DateTimeOffset at)
    {
        var id = ContractId.FromHex((n + 1).ToString("x64", System.Globalization.CultureInfo.InvariantCulture)).Value;
        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(Contract.Request(id, TestTerms.Create(provider: provider), at));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return id;
    }
}
