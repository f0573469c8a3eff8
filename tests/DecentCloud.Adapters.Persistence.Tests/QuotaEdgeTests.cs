using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Issue 10, finding 1: quotas are counted in the database, and creates racing at the edge of a quota are serialised
/// (PostgreSQL: an advisory lock on the quota key; SQLite: IMMEDIATE transactions), so exactly the quota is created
/// and every other request is refused with 429 — never one too many, never a 500.
/// </summary>
public class QuotaEdgeTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private const string Credential = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_registrations_from_one_address_stop_exactly_at_the_quota(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var quota = new QuotaOptions().MaxAccountsPerAddress;
        var results = await InParallelAsync(db, quota + 4, (mediator, i) =>
            mediator.Send(new RegisterAccount(new AccountPrincipal($"{i + 1:x8}" + new string('5', 56), null), Credential, null) { ClientAddress = "203.0.113.5" }, Ct));

        Assert.Equal(quota, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal(("account_quota", ErrorKind.LimitExceeded), (r.FirstDomainError().Code, r.FirstDomainError().Kind)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Parallel_requests_of_one_account_stop_exactly_at_the_open_request_quota(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        Guid account;
        await using (var scope = db.Scope())
        {
            scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().Add(AgentPool.Create(Guid.NewGuid(), "pool-q", ProviderId.Create("prov-q").Value, DateTimeOffset.UtcNow).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
            account = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RegisterAccount(new AccountPrincipal(new string('6', 64), null), Credential, null), Ct)).Value.AccountId;
        }

        var quota = new QuotaOptions().MaxOpenRequestsPerAccount;
        var user = new AccountPrincipal(new string('6', 64), account);
        var results = await InParallelAsync(db, quota + 4, (mediator, i) =>
            mediator.Send(new RequestContract(user, "prov-q", "pool-q", "small", 2, 2048, 20, SshKey, null, null, 3600, 1) { ClientAddress = $"198.51.100.{i}" }, Ct));

        Assert.Equal(quota, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailed), r => Assert.Equal(("open_request_quota", ErrorKind.LimitExceeded), (r.FirstDomainError().Code, r.FirstDomainError().Kind)));
    }

    private static async Task<IResultBase[]> InParallelAsync<T>(TestDatabase db, int count, Func<IMediator, int, ValueTask<T>> send)
        where T : IResultBase
    {
        using var barrier = new Barrier(count);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await using var scope = db.Scope();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            barrier.SignalAndWait(Ct);
            return (IResultBase)await send(mediator, i);
        }, Ct));
        return await Task.WhenAll(tasks);
    }
}
