using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Accounts, provider accounts and their contracts for the marketplace and provider self-service tests.</summary>
internal static class ProviderAccountsHarness
{
    public static readonly ProviderProfileFields Profile = new("Acme Hosting", null, "DE", "ops@acme.example", null, null, true, null, null);

    /// <summary>A new account with one device; its principal.</summary>
    public static async Task<AccountPrincipal> AccountAsync(this AppHarness app)
    {
        var device = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var account = Account.Register(Guid.NewGuid(), new string('f', 64), device, "laptop", app.Time.GetUtcNow()).Value;
        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<IAccountStore>().Add(account);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return new AccountPrincipal(device, account.Id);
    }

    /// <summary>A new account with a provider profile and the named pools (made by the operator verb).</summary>
    public static async Task<AccountPrincipal> ProviderAsync(this AppHarness app, params string[] pools)
    {
        var user = await app.AccountAsync();
        Assert.True((await app.SendAsync(new SetProviderProfile(user, Profile))).IsSuccess);
        foreach (var pool in pools)
        {
            Assert.True((await app.SendAsync(new CreateSetupToken(pool, ProviderProfile.ProviderIdOf(user.AccountId!.Value).Value, null, null))).IsSuccess);
        }

        return user;
    }

    /// <summary>A paid contract requested now from <paramref name="provider"/>'s pool, moved through <paramref name="path"/>; its hex id.</summary>
    public static async Task<string> ContractForAsync(this AppHarness app, AccountPrincipal provider, string pool, params ContractState[] path)
    {
        var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        var contract = Contract.Request(id, TestTerms.Create(provider: ProviderProfile.ProviderIdOf(provider.AccountId!.Value).Value, pool: pool), app.Time.GetUtcNow());
        contract.MarkPaid(app.Time.GetUtcNow());
        foreach (var state in path)
        {
            Assert.True(contract.MoveTo(state, "test", "test", app.Time.GetUtcNow()).IsSuccess, $"cannot move to {state}");
        }

        await using var scope = app.Scope();
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(TestContext.Current.CancellationToken);
        return id.Hex;
    }
}
