using System.Net;
using System.Security.Cryptography;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Issue 11: the database holds the per-VM name rules even when API instances race: a contract has at most one name
/// (unique index on the contract), and two contracts claiming one slug at once leave exactly one owner.
/// </summary>
public class VmNameStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DcId Dc = DcId.Create("dc-lk").Value;
    private static readonly ProviderId Provider = ProviderId.Create("prov-n").Value;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_database_refuses_a_second_name_for_one_contract_but_not_several_legacy_names(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var contract = ContractId.FromHex(new string('a', 64)).Value;
        await SaveAsync(db, VmAddressRecord.CreateFor(contract, Dc, VmSlug.Create("aaaaaa").Value, IPAddress.Parse("203.0.113.1"), Provider, DateTimeOffset.UtcNow));
        await SaveAsync(db, VmAddressRecord.Create(Dc, VmSlug.Create("legac1").Value, IPAddress.Parse("203.0.113.2"), Provider, DateTimeOffset.UtcNow));
        await SaveAsync(db, VmAddressRecord.Create(Dc, VmSlug.Create("legac2").Value, IPAddress.Parse("203.0.113.3"), Provider, DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            SaveAsync(db, VmAddressRecord.CreateFor(contract, Dc, VmSlug.Create("bbbbbb").Value, IPAddress.Parse("203.0.113.4"), Provider, DateTimeOffset.UtcNow)));

        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>();
        Assert.Equal("aaaaaa", (await store.FindByContractAsync(contract, Ct))!.Slug.Value);
        Assert.Equal(["aaaaaa", "legac1", "legac2"], (await store.ListAsync(Dc, 10, Ct)).Select(e => e.Record.Slug.Value));
        Assert.Equal(["aaaaaa", "legac1"], (await store.ListAsync(Dc, 2, Ct)).Select(e => e.Record.Slug.Value));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Contracts_claiming_one_slug_at_once_from_several_instances_leave_exactly_one_owner_and_409_slug_taken(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var agent = await TenantAsync(db);
        var contracts = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            contracts.Add(await LiveContractAsync(db));
        }

        var results = await InParallelAsync(db, contracts.Count, (mediator, i) =>
            mediator.Send(new PublishVmAddress(agent, VmAddressAction.Create, Dc.Value, "k7m2p4", $"192.0.2.{i + 1}", contracts[i]), Ct));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal((ErrorKind.Conflict, VmAddressRecord.SlugTaken), (r.FirstDomainError().Kind, r.FirstDomainError().Code)));
        var winner = contracts[Array.FindIndex(results, r => r.IsSuccess)];
        await using var scope = db.Scope();
        var record = Assert.Single(await scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().ListAsync(Dc, 100, Ct));
        Assert.Equal((winner, true), (record.Record.ContractId!.Hex, record.ContractState!.Value.IsLive()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_contract_claiming_several_slugs_at_once_from_several_instances_ends_with_one_name(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var agent = await TenantAsync(db);
        var contract = await LiveContractAsync(db);

        var results = await InParallelAsync(db, 6, (mediator, i) =>
            mediator.Send(new PublishVmAddress(agent, VmAddressAction.Create, Dc.Value, $"slug{i:d2}", "192.0.2.1", contract), Ct));

        // Every request either took the name or lost every retry to the others (409 gateway_busy); never a 500.
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal(GatewayErrors.Busy, r.FirstDomainError().Code));
        Assert.Contains(results, r => r.IsSuccess);
        await using var scope = db.Scope();
        var record = Assert.Single(await scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().ListAsync(Dc, 100, Ct));
        Assert.Equal(contract, record.Record.ContractId!.Hex);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_contract_moving_to_a_name_an_ended_contract_held_gives_up_its_own_in_one_save(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var agent = await TenantAsync(db);
        var ended = await LiveContractAsync(db);
        var contract = await LiveContractAsync(db);
        await using (var scope = db.Scope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            Assert.True((await mediator.Send(new PublishVmAddress(agent, VmAddressAction.Create, Dc.Value, "bbbbbb", "192.0.2.1", ended), Ct)).IsSuccess);
            Assert.True((await mediator.Send(new PublishVmAddress(agent, VmAddressAction.Create, Dc.Value, "aaaaaa", "192.0.2.2", contract), Ct)).IsSuccess);
            Assert.True((await mediator.Send(new ChangeContractState(ContractId.FromHex(ended).Value, ContractState.Cancelled, "test", "ended"), Ct)).IsSuccess);
        }

        await using (var scope = db.Scope())
        {
            var taken = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PublishVmAddress(agent, VmAddressAction.Create, Dc.Value, "bbbbbb", "192.0.2.2", contract), Ct);
            Assert.True(taken.IsSuccess, string.Join(", ", taken.Errors));
        }

        await using var check = db.Scope();
        var record = Assert.Single(await check.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().ListAsync(Dc, 100, Ct));
        Assert.Equal(("bbbbbb", contract), (record.Record.Slug.Value, record.Record.ContractId!.Hex));
    }

    private static async Task SaveAsync(TestDatabase db, VmAddressRecord record)
    {
        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IVmAddressRecordStore>().Add(record);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    /// <summary>An agent of the provider with its pool and the registered gateway.</summary>
    private static async Task<AgentPrincipal> TenantAsync(TestDatabase db)
    {
        var pool = AgentPool.Create(Guid.NewGuid(), "pool-1", Provider, DateTimeOffset.UtcNow).Value;
        var agent = new AgentPrincipal(AgentPublicKey.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, Provider, pool.Id, AgentPermissions.All);
        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().Add(pool);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        Assert.True((await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterGateway(agent, Dc.Value, null), Ct)).IsSuccess);
        return agent;
    }

    private static async Task<string> LiveContractAsync(TestDatabase db)
    {
        var contract = Contract.Request(ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value, TestTerms.Create(provider: Provider.Value, pool: "pool-1"), DateTimeOffset.UtcNow);
        Assert.True(contract.MoveTo(ContractState.Accepted, "test", "accepted", DateTimeOffset.UtcNow).IsSuccess);
        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return contract.Id.Hex;
    }

    /// <summary>Each request on its own API instance (own process-local locks), all released at once: only the database keeps them apart.</summary>
    private static async Task<IResultBase[]> InParallelAsync<T>(TestDatabase db, int count, Func<IMediator, int, ValueTask<T>> send)
        where T : IResultBase
    {
        var instances = Enumerable.Range(0, count).Select(_ => db.NewInstance()).ToList();
        try
        {
            using var barrier = new Barrier(count);
            var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
            {
                await using var scope = instances[i].CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                barrier.SignalAndWait(Ct);
                return (IResultBase)await send(mediator, i);
            }, Ct));
            return await Task.WhenAll(tasks);
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
