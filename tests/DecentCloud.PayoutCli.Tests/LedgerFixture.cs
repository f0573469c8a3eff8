using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.PayoutCli.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>
/// The platform wallet, an in-memory ICRC-1 ledger (behind <see cref="ScriptedLedger"/>) served by
/// <see cref="LocalReplica"/> on loopback, and the real HTTP agent and ICRC-1 client signing as the wallet.
/// </summary>
internal sealed class LedgerFixture : IAsyncDisposable
{
    public static readonly Principal LedgerId = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");

    private LedgerFixture(byte[] seed, ScriptedLedger ledger, LocalReplica replica, FakeTimeProvider clock)
    {
        Clock = clock;
        Seed = seed;
        Wallet = Ed25519Identity.FromSeed(seed);
        Ledger = ledger;
        Replica = replica;
        Agent = new HttpAgent(new HttpAgentOptions { Host = replica.Url, Identity = Wallet, RootKey = replica.RootKeyDer });
        Client = new Icrc1Client(Agent, LedgerId);
        PayoutLedger = new Icrc1PayoutLedger(Client);
    }

    public byte[] Seed { get; }

    /// <summary>The ledger's clock (and the in-memory API's): advance it to make recorded transfers too old.</summary>
    public FakeTimeProvider Clock { get; }

    public Ed25519Identity Wallet { get; }

    public Account Platform => new(Wallet.Sender);

    public ScriptedLedger Ledger { get; }

    public InMemoryLedger Inner => Ledger.Inner;

    public LocalReplica Replica { get; }

    public HttpAgent Agent { get; }

    public Icrc1Client Client { get; }

    public Icrc1PayoutLedger PayoutLedger { get; }

    /// <summary>The wallet as dfx writes identity.pem (Ed25519 PKCS#8).</summary>
    public string WalletPem => Pem(Seed);

    public static string Pem(byte[] seed) =>
        "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String([.. Convert.FromHexString("302e020100300506032b657004220420"), .. seed]) + "\n-----END PRIVATE KEY-----\n";

    public static async Task<LedgerFixture> StartAsync(long balance = 1_000_000_000_000)
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        var wallet = Ed25519Identity.FromSeed(seed);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new InMemoryLedger(wallet.Sender, clock);
        inner.Mint(new Account(wallet.Sender), balance);
        var scripted = new ScriptedLedger(inner);
        return new LedgerFixture(seed, scripted, await LocalReplica.StartAsync(scripted, LedgerId), clock);
    }

    /// <summary>A provider's account (its own principal, a 32-byte subaccount) and its ICRC-1 text.</summary>
    public static (Account Account, string Text) Provider(int n)
    {
        // Distinct for every n: the owner from a hash of n, the subaccount n itself (never all zeros).
        var subaccount = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(subaccount.AsSpan(28), n);
        subaccount[0] = 0x50;
        var account = new Account(Ed25519Identity.FromSeed(System.Security.Cryptography.SHA256.HashData(subaccount)).Sender, subaccount);
        return (account, new IcrcAccount(account.Owner, account.Subaccount).ToString());
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        await Replica.DisposeAsync();
        Ledger.Dispose();
    }
}
