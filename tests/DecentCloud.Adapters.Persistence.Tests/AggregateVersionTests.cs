using DecentCloud.Application.Accounts;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Issue 10, findings 2 and 7: a change inside an aggregate's owned collection (an account's devices, a contract's
/// history) is a change of the aggregate, so it bumps the aggregate's version and the slower of two writers loses;
/// a device key belongs to one account only, held by the database.
/// </summary>
public class AggregateVersionTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private const string Credential = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private static readonly string KeyA = new('a', 64);
    private static readonly string KeyB = new('b', 64);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_devices_revoking_each_other_cannot_both_succeed(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await RegisterAsync(db, KeyA, KeyB);

        await using var first = db.Scope();
        await using var second = db.Scope();
        var a = await first.ServiceProvider.GetRequiredService<IAccountStore>().FindAsync(id, Ct);
        var b = await second.ServiceProvider.GetRequiredService<IAccountStore>().FindAsync(id, Ct);
        Assert.True(a!.RevokeDevice(KeyB, Now).IsSuccess);
        Assert.True(b!.RevokeDevice(KeyA, Now).IsSuccess);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));

        Assert.Equal([KeyA], await ActiveDevicesAsync(db, id));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_devices_added_at_once_are_a_conflict_for_the_slower(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var id = await RegisterAsync(db, KeyA);

        await using var first = db.Scope();
        await using var second = db.Scope();
        var a = await first.ServiceProvider.GetRequiredService<IAccountStore>().FindAsync(id, Ct);
        var b = await second.ServiceProvider.GetRequiredService<IAccountStore>().FindAsync(id, Ct);
        Assert.True(a!.AddDevice(KeyB, "phone", Now).IsSuccess);
        Assert.True(b!.AddDevice(new string('c', 64), "tablet", Now).IsSuccess);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_change_to_a_contracts_history_alone_bumps_the_contract_version(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var contract = Contract.Request(ContractId.FromHex(new string('d', 64)).Value, TestTerms.Create(), Now);
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", Now).IsSuccess);
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        await using var first = db.Scope();
        await using var second = db.Scope();
        await ChangeFirstTransitionReasonAsync(first, contract.Id, "first");
        await ChangeFirstTransitionReasonAsync(second, contract.Id, "second");
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_device_key_in_two_new_accounts_is_a_conflict(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var first = db.Scope();
        await using var second = db.Scope();
        first.ServiceProvider.GetRequiredService<IAccountStore>().Add(Account.Register(Guid.NewGuid(), Credential, KeyA, null, Now).Value);
        second.ServiceProvider.GetRequiredService<IAccountStore>().Add(Account.Register(Guid.NewGuid(), Credential, KeyA, null, Now).Value);
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Concurrent_mutual_revocations_through_the_use_case_always_leave_one_device(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        for (var round = 0; round < 10; round++)
        {
            var keyA = $"{round:x2}" + new string('a', 62);
            var keyB = $"{round:x2}" + new string('b', 62);
            var id = await RegisterAsync(db, keyA, keyB);
            using var barrier = new Barrier(2);
            var results = await Task.WhenAll(
                Task.Run(() => RevokeAsync(db, barrier, new AccountPrincipal(keyA, id), keyB), Ct),
                Task.Run(() => RevokeAsync(db, barrier, new AccountPrincipal(keyB, id), keyA), Ct));

            Assert.Equal(1, results.Count(r => r.IsSuccess));
            var loser = results.Single(r => r.IsFailed).FirstDomainError();
            Assert.Equal(ErrorKind.Conflict, loser.Kind);
            Assert.Single(await ActiveDevicesAsync(db, id));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_registrations_with_one_device_key_make_one_account_and_conflicts(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        using var barrier = new Barrier(4);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = db.Scope();
            barrier.SignalAndWait(Ct);
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterAccount(new AccountPrincipal(KeyA, null), Credential, "laptop"), Ct);
        }, Ct)));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal(("device_registered", ErrorKind.Conflict), (r.FirstDomainError().Code, r.FirstDomainError().Kind)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_device_key_added_to_two_accounts_at_once_lands_in_one(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var first = await RegisterAsync(db, KeyA);
        var second = await RegisterAsync(db, KeyB);
        var shared = new string('c', 64);
        using var barrier = new Barrier(2);
        var results = await Task.WhenAll(
            Task.Run(() => AddAsync(db, barrier, new AccountPrincipal(KeyA, first), shared), Ct),
            Task.Run(() => AddAsync(db, barrier, new AccountPrincipal(KeyB, second), shared), Ct));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Equal(("device_registered", ErrorKind.Conflict), (results.Single(r => r.IsFailed).FirstDomainError().Code, results.Single(r => r.IsFailed).FirstDomainError().Kind));
    }

    private static async Task<Guid> RegisterAsync(TestDatabase db, params string[] keys)
    {
        var account = Account.Register(Guid.NewGuid(), Credential, keys[0], "first", Now).Value;
        foreach (var key in keys.Skip(1))
        {
            Assert.True(account.AddDevice(key, null, Now).IsSuccess);
        }

        await using var scope = db.Scope();
        scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return account.Id;
    }

    private static async Task<List<string>> ActiveDevicesAsync(TestDatabase db, Guid id)
    {
        await using var scope = db.Scope();
        var account = await scope.ServiceProvider.GetRequiredService<IAccountStore>().FindAsync(id, Ct);
        return account!.ActiveDevices.Select(d => d.KeyHex).ToList();
    }

    private static async Task<FluentResults.Result<AccountView>> RevokeAsync(TestDatabase db, Barrier barrier, AccountPrincipal signer, string key)
    {
        await using var scope = db.Scope();
        barrier.SignalAndWait(Ct);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RevokeAccountDevice(signer, key), Ct);
    }

    private static async Task<FluentResults.Result<AccountView>> AddAsync(TestDatabase db, Barrier barrier, AccountPrincipal signer, string key)
    {
        await using var scope = db.Scope();
        barrier.SignalAndWait(Ct);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AddAccountDevice(signer, key, "shared"), Ct);
    }

    private static async Task ChangeFirstTransitionReasonAsync(AsyncServiceScope scope, ContractId id, string reason)
    {
        var contract = await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct);
        var context = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
        context.Entry(contract!.History[0]).Property(t => t.Reason).CurrentValue = reason;
    }
}
