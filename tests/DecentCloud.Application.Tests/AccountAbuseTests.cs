using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Issue 10, finding 1: without authentication beyond a fresh device key anyone could create accounts and
/// contracts without bound. Contracts must name an existing provider and pool; every create is under a quota.
/// </summary>
public class AccountAbuseTests
{
    private const string Provider = "prov-a";
    private const string Pool = "pool-a";
    private const string Credential = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test";

    [Fact]
    public async Task A_contract_must_name_an_existing_pool_of_the_named_provider()
    {
        await using var app = await AppHarness.CreateAsync();
        await AddPoolAsync(app, Pool, Provider);
        var user = await RegisterAsync(app, Key(1));

        var noSuchPool = await app.SendAsync(Request(user, Provider, "pool-nowhere"));
        var otherProvider = await app.SendAsync(Request(user, "prov-nobody", Pool));
        var fine = await app.SendAsync(Request(user, Provider, Pool));

        Assert.Equal("unknown_pool", Code(noSuchPool));
        Assert.Equal("unknown_pool", Code(otherProvider));
        Assert.Equal(ErrorKind.Validation, noSuchPool.FirstDomainError().Kind);
        Assert.True(fine.IsSuccess, string.Join(", ", fine.Errors));
    }

    [Fact]
    public async Task Open_requests_per_account_are_capped_and_freed_when_answered()
    {
        await using var app = await AppHarness.CreateAsync();
        await AddPoolAsync(app, Pool, Provider);
        var user = await RegisterAsync(app, Key(2));
        var limit = new QuotaOptions().MaxOpenRequestsPerAccount;
        var made = new List<string>();
        for (var i = 0; i < limit; i++)
        {
            var result = await app.SendAsync(Request(user, Provider, Pool));
            Assert.True(result.IsSuccess, $"request {i + 1}: {string.Join(", ", result.Errors)}");
            made.Add(result.Value.ContractId);
        }

        var over = await app.SendAsync(Request(user, Provider, Pool));
        Assert.Equal(("open_request_quota", ErrorKind.LimitExceeded), (Code(over), over.FirstDomainError().Kind));

        // An answered request no longer counts.
        var rejected = await app.SendAsync(new ChangeContractState(Domain.Contracts.ContractId.FromHex(made[0]).Value, Domain.Contracts.ContractState.Rejected, "provider", "no"));
        Assert.True(rejected.IsSuccess);
        Assert.True((await app.SendAsync(Request(user, Provider, Pool))).IsSuccess);
    }

    [Fact]
    public async Task Devices_per_account_are_capped()
    {
        await using var app = await AppHarness.CreateAsync();
        var user = await RegisterAsync(app, Key(3));
        var limit = new QuotaOptions().MaxDevicesPerAccount;
        for (var i = 1; i < limit; i++)
        {
            var added = await app.SendAsync(new AddAccountDevice(user, Key(100 + i), $"device {i}"));
            Assert.True(added.IsSuccess, $"device {i + 1}: {string.Join(", ", added.Errors)}");
        }

        var over = await app.SendAsync(new AddAccountDevice(user, Key(99), "one too many"));
        Assert.Equal(("device_quota", ErrorKind.LimitExceeded), (Code(over), over.FirstDomainError().Kind));
    }

    [Fact]
    public async Task Registrations_per_client_address_are_capped_per_window()
    {
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.Configure<QuotaOptions>(o => o.MaxAccountsPerAddress = 3));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok", Code(await app.SendAsync(new RegisterAccount(new AccountPrincipal(Key(10 + i), null), Credential, null) { ClientAddress = "203.0.113.7" })));
        }

        var over = await app.SendAsync(new RegisterAccount(new AccountPrincipal(Key(20), null), Credential, null) { ClientAddress = "203.0.113.7" });
        Assert.Equal(("account_quota", ErrorKind.LimitExceeded), (Code(over), over.FirstDomainError().Kind));
        Assert.Equal("ok", Code(await app.SendAsync(new RegisterAccount(new AccountPrincipal(Key(21), null), Credential, null) { ClientAddress = "198.51.100.1" })));

        app.Time.Advance(new QuotaOptions().AddressWindow);
        Assert.Equal("ok", Code(await app.SendAsync(new RegisterAccount(new AccountPrincipal(Key(22), null), Credential, null) { ClientAddress = "203.0.113.7" })));
    }

    [Fact]
    public async Task Contract_requests_per_client_address_are_capped_per_window_across_accounts()
    {
        await using var app = await AppHarness.CreateAsync(configureServices: s => s.Configure<QuotaOptions>(o => o.MaxContractsPerAddress = 3));
        await AddPoolAsync(app, Pool, Provider);
        var first = await RegisterAsync(app, Key(30));
        var second = await RegisterAsync(app, Key(31));
        Assert.Equal("ok", Code(await app.SendAsync(Request(first, Provider, Pool) with { ClientAddress = "203.0.113.9" })));
        Assert.Equal("ok", Code(await app.SendAsync(Request(first, Provider, Pool) with { ClientAddress = "203.0.113.9" })));
        Assert.Equal("ok", Code(await app.SendAsync(Request(second, Provider, Pool) with { ClientAddress = "203.0.113.9" })));

        var over = await app.SendAsync(Request(second, Provider, Pool) with { ClientAddress = "203.0.113.9" });
        Assert.Equal(("request_quota", ErrorKind.LimitExceeded), (Code(over), over.FirstDomainError().Kind));

        app.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("ok", Code(await app.SendAsync(Request(second, Provider, Pool) with { ClientAddress = "203.0.113.9" })));
    }

    internal static async Task<Guid> AddPoolAsync(AppHarness app, string pool, string provider)
    {
        var id = Guid.NewGuid();
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().Add(AgentPool.Create(id, pool, ProviderId.Create(provider).Value, app.Time.GetUtcNow()).Value);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return id;
    }

    internal static async Task<AccountPrincipal> RegisterAsync(AppHarness app, string deviceKey)
    {
        var registered = await app.SendAsync(new RegisterAccount(new AccountPrincipal(deviceKey, null), Credential, "laptop"));
        Assert.True(registered.IsSuccess, string.Join(", ", registered.Errors));
        return new AccountPrincipal(deviceKey, registered.Value.AccountId);
    }

    internal static RequestContract Request(AccountPrincipal user, string provider, string pool) =>
        new(user, provider, pool, "small", 2, 2048, 20, SshKey, null, null, 3600, 100_000_000);

    internal static string Key(int n) => $"{n:x8}" + new string('7', 56);

    internal static string Code(IResultBase result) => result.IsFailed ? result.FirstDomainError().Code : "ok";
}
