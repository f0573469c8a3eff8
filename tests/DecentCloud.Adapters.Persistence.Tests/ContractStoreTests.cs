using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

public class ContractStoreTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ContractId NewId() => ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;

    private static async Task<List<ContractId>> SeedAsync(TestDatabase db, int overdue, int fresh)
    {
        var now = DateTimeOffset.UtcNow;
        var ids = new List<ContractId>();
        await using var scope = db.Scope();
        var store = scope.ServiceProvider.GetRequiredService<IContractStore>();
        for (var i = 0; i < overdue + fresh; i++)
        {
            var id = NewId();
            store.Add(Contract.Request(id, TestTerms.Create(free: false), i < overdue ? now.AddHours(-2) : now));
            if (i < overdue)
            {
                ids.Add(id);
            }
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return ids;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Contracts_round_trip_with_their_history(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = NewId();
        var t0 = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        await using (var scope = db.Scope())
        {
            var contract = Contract.Request(id, TestTerms.Create(free: false), t0);
            contract.MarkPaid(t0);
            contract.MoveTo(ContractState.Accepted, "provider:p", "ok", t0.AddMinutes(1));
            contract.MoveTo(ContractState.Provisioning, "agent:a", "lease", t0.AddMinutes(2));
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            var contract = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct))!;
            Assert.Equal((ContractState.Provisioning, t0, t0.AddMinutes(2)), (contract.State, contract.PaidAt!.Value, contract.StateSince));
            Assert.Equal(
                [new ContractTransition(ContractState.Requested, ContractState.Accepted, t0.AddMinutes(1), "provider:p", "ok"),
                 new ContractTransition(ContractState.Accepted, ContractState.Provisioning, t0.AddMinutes(2), "agent:a", "lease")],
                contract.History);
            contract.MoveTo(ContractState.Provisioned, "agent:a", "done", t0.AddMinutes(3));
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using (var scope = db.Scope())
        {
            Assert.Equal(3, (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct))!.History.Count);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_timeout_job_expires_only_overdue_requests(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var overdue = await SeedAsync(db, overdue: 7, fresh: 5);
        await using var scope = db.Scope();
        Assert.Equal(7, await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyContractTimeouts(), Ct));
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyContractTimeouts(), Ct));
        foreach (var id in overdue)
        {
            Assert.Equal(ContractState.Expired, (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct))!.State);
        }
    }

    [Fact]
    public async Task Two_timeout_workers_on_postgres_never_process_a_contract_twice()
    {
        await using var db = await TestDatabase.CreateAsync("postgres");
        var overdue = await SeedAsync(db, overdue: 400, fresh: 20);

        // Small batches so the two workers interleave many times.
        var workers = Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = db.Scope();
            scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ContractTimeoutOptions>>().Value.BatchSize = 10;
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ApplyContractTimeouts(), Ct);
        }).ToArray();
        var moved = await Task.WhenAll(workers);
        Assert.Equal(400, moved.Sum());

        await using var check = db.Scope();
        var store = check.ServiceProvider.GetRequiredService<IContractStore>();
        foreach (var id in overdue)
        {
            var contract = (await store.FindAsync(id, Ct))!;
            Assert.Equal(ContractState.Expired, contract.State);
            Assert.Single(contract.History);
        }
    }
}
