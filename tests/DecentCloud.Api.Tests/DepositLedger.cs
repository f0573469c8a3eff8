using System.Numerics;
using DecentCloud.Application.Prices;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Deposits;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>
/// An ICRC-1 ledger (the in-memory ledger behind the local replica, certified replies over the real HTTP agent) and the
/// API settings that scan it for deposits as the platform's deposit principal.
/// </summary>
internal sealed class DepositLedger : IAsyncDisposable
{
    private static readonly byte[] Pkcs8Ed25519Prefix = Convert.FromHexString("302e020100300506032b657004220420");
    private readonly byte[] _seed;

    private DepositLedger(InMemoryLedger ledger, LocalReplica replica, Principal depositPrincipal, byte[] seed)
    {
        _seed = seed;
        Ledger = ledger;
        Replica = replica;
        DepositPrincipal = depositPrincipal;
    }

    public InMemoryLedger Ledger { get; }

    public LocalReplica Replica { get; }

    public Principal DepositPrincipal { get; }

    /// <summary>A user with tokens on the ledger.</summary>
    public static Principal Payer { get; } = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)9, 32).ToArray()).Sender;

    public string LedgerId => Ledger.CanisterId.ToText();

    /// <summary>A ledger with canister id <paramref name="canisterId"/> (default the ICP ledger's) behind a replica; the payer holds 1,000,000 tokens.</summary>
    public static async Task<DepositLedger> StartAsync(string? canisterId = null)
    {
        var seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var identity = Ed25519Identity.FromSeed(seed);
        var ledger = new InMemoryLedger(identity.Sender, TimeProvider.System);
        if (canisterId is not null)
        {
            ledger.CanisterId = Principal.FromText(canisterId);
        }

        ledger.Mint(new Account(Payer), BigInteger.Pow(10, 14));
        var replica = await LocalReplica.StartAsync(ledger, ledger.CanisterId);
        return new DepositLedger(ledger, replica, identity.Sender, seed);
    }

    /// <summary>The API settings that turn deposits on for this ledger (<paramref name="tokens"/>, default ICP); the scan job itself runs rarely.</summary>
    public Dictionary<string, string?> Settings(string tokens = "ICP") => new()
    {
        ["DC_IC_URL"] = Replica.Url.ToString(),
        ["DC_IC_ROOT_KEY"] = Convert.ToHexString(Replica.RootKeyDer),
        ["DC_DEPOSIT_IDENTITY_PEM"] = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String([.. Pkcs8Ed25519Prefix, .. _seed]) + "\n-----END PRIVATE KEY-----\n",
        ["DC_DEPOSIT_TOKENS"] = tokens,
        ["DC_DEPOSIT_SCAN_INTERVAL_SECONDS"] = "3600",
    };

    /// <summary>The payer sends <paramref name="amount"/> base units to <paramref name="subaccount"/> of the deposit principal; returns the block.</summary>
    public BigInteger Send(byte[] subaccount, BigInteger amount)
    {
        var result = Ledger.TransferAs(Payer, new TransferArg(null, new Account(DepositPrincipal, subaccount), amount, null, null, null));
        return Assert.IsType<TransferResult.Ok>(result).Value;
    }

    /// <summary>The payer sends <paramref name="amount"/> to <paramref name="accountId"/>'s deposit address.</summary>
    public BigInteger Deposit(Guid accountId, BigInteger amount) => Send(DepositSubaccount.For(accountId).ToBytes(), amount);

    /// <summary>Stores a chosen price of <paramref name="token"/> at <paramref name="at"/> (what the refresh-prices job would).</summary>
    public static async Task SetPriceAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, string token, decimal priceUsd, DateTimeOffset at)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound(token, at, [], new ChosenPrice(token, priceUsd, at, 2)));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
    }

    public ValueTask DisposeAsync() => Replica.DisposeAsync();
}
