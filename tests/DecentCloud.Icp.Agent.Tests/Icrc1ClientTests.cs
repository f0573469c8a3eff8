using System.Numerics;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>The ICRC-1 client over the in-memory port and over the HTTP agent against <see cref="LocalReplica"/> with the same ledger.</summary>
public sealed class Icrc1ClientTests
{
    public static TheoryData<string> Transports => ["in-memory", "local replica"];

    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Principal Platform = Principal.FromText("2vxsx-fae");
    private static readonly Principal LedgerId = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private static readonly Account Provider = new(Principal.FromText("aaaaa-aa"), Enumerable.Repeat((byte)7, 32).ToArray());

    private static async Task<Setup> CreateAsync(string transport)
    {
        var identity = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)5, 32).ToArray());
        var caller = transport == "in-memory" ? Platform : identity.Sender;
        var ledger = new InMemoryLedger(caller, Now);
        ledger.Mint(new Account(caller), 1_000_000_000);
        if (transport == "in-memory")
        {
            return new Setup(new Icrc1Client(ledger, LedgerId, new FakeTimeProvider(Now)), ledger, caller, null, null);
        }

        var replica = await LocalReplica.StartAsync(ledger, LedgerId);
        var agent = new HttpAgent(new HttpAgentOptions { Host = replica.Url, Identity = identity, RootKey = replica.RootKeyDer });
        return new Setup(new Icrc1Client(agent, LedgerId, new FakeTimeProvider(Now)), ledger, caller, replica, agent);
    }

    private sealed record Setup(Icrc1Client Client, InMemoryLedger Ledger, Principal Caller, LocalReplica? Replica, HttpAgent? Agent) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Agent?.Dispose();
            if (Replica is not null)
            {
                await Replica.DisposeAsync();
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Transfer_balance_fee_and_decimals(string transport)
    {
        await using var setup = await CreateAsync(transport);
        var (client, ledger) = (setup.Client, setup.Ledger);
        Assert.Equal(InMemoryLedger.Fee, await client.FeeAsync(Ct));
        Assert.Equal(8, await client.DecimalsAsync(Ct));
        var outcome = await client.TransferAsync(new TransferArg(null, Provider, 250_000_000, null, null, null), Ct);
        Assert.Equal(new TransferOutcome(0, null, false), outcome);
        Assert.Equal(250_000_000, await client.BalanceOfAsync(Provider, Ct));
        Assert.Equal(1_000_000_000 - 250_000_000 - 10_000, await client.BalanceOfAsync(new Account(setup.Caller), Ct));
        Assert.Equal("Test Token", await client.NameAsync(Ct));
        Assert.Equal("TST", await client.SymbolAsync(Ct));
        Assert.Equal(1_000_000_000 - 10_000, await client.TotalSupplyAsync(Ct));
        Assert.Equal(InMemoryLedger.Minter.Subaccount, (await client.MintingAccountAsync(Ct))!.Subaccount);
        var metadata = await client.MetadataAsync(Ct);
        Assert.Equal(new MetadataValue.Nat(10_000), metadata.Single(m => m.Key == "icrc1:fee").Value);
        Assert.Equal(new MetadataValue.Text("TST"), metadata.Single(m => m.Key == "icrc1:symbol").Value);
        Assert.Equal(["ICRC-1", "ICRC-3"], (await client.SupportedStandardsAsync(Ct)).Select(s => s.Name));
        var block = Assert.Single(ledger.Blocks);
        Assert.Equal((ulong)(Now - DateTimeOffset.UnixEpoch).Ticks * 100, block.CreatedAtTime);
        Assert.Equal(16, block.Memo!.Length);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_lost_reply_is_retried_with_the_same_argument_and_the_duplicate_counts_as_success(string transport)
    {
        await using var setup = await CreateAsync(transport);
        var (client, ledger) = (setup.Client, setup.Ledger);
        ledger.LoseNextReply = true;
        var outcome = await client.TransferAsync(new TransferArg(null, Provider, 5_000, null, null, null), Ct);
        Assert.Equal(new TransferOutcome(0, null, true), outcome);
        Assert.Single(ledger.Blocks);
        Assert.Equal(5_000, ledger.Balance(Provider));
        if (setup.Replica is { } replica)
        {
            // Over HTTP the connection was cut after the ledger executed; the retry is a new request (new nonce)
            // with the very same argument, so the ledger recognises it.
            var calls = replica.Contents.Where(c => c.Text("request_type") == "call").ToList();
            Assert.Equal(2, calls.Count);
            Assert.Equal(calls[0].Bytes("arg"), calls[1].Bytes("arg"));
            Assert.NotEqual(calls[0].Bytes("nonce"), calls[1].Bytes("nonce"));
        }
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Every_transfer_error_surfaces_as_its_type(string transport)
    {
        await using var setup = await CreateAsync(transport);
        var (client, ledger) = (setup.Client, setup.Ledger);
        var late = (ulong)(Now.AddDays(-2) - DateTimeOffset.UnixEpoch).Ticks * 100;
        var early = (ulong)(Now.AddHours(1) - DateTimeOffset.UnixEpoch).Ticks * 100;
        Assert.Equal(new TransferError.BadFee(10_000), (await client.TransferAsync(new TransferArg(null, Provider, 1, 1, null, null), Ct)).Error);
        Assert.Equal(new TransferError.InsufficientFunds(1_000_000_000), (await client.TransferAsync(new TransferArg(null, Provider, BigInteger.Pow(10, 12), null, null, null), Ct)).Error);
        Assert.Equal(new TransferError.TooOld(), (await client.TransferAsync(new TransferArg(null, Provider, 1, null, null, late), Ct)).Error);
        Assert.IsType<TransferError.CreatedInFuture>((await client.TransferAsync(new TransferArg(null, Provider, 1, null, null, early), Ct)).Error);
        Assert.Equal(new TransferError.GenericError(1, "amount must be positive"), (await client.TransferAsync(new TransferArg(null, Provider, 0, null, null, null), Ct)).Error);
        ledger.Unavailable = true;
        Assert.Equal(new TransferError.TemporarilyUnavailable(), (await client.TransferAsync(new TransferArg(null, Provider, 1, null, null, null), Ct)).Error);
        Assert.Empty(ledger.Blocks);
    }

    [Fact]
    public void The_typed_arguments_are_the_icrc1_did_types()
    {
        var did = CandidTextFormat.ParseDid("""
            type Account = record { owner : principal; subaccount : opt blob };
            type TransferArg = record { from_subaccount : opt blob; to : Account; amount : nat; fee : opt nat; memo : opt blob; created_at_time : opt nat64 };
            type TransferError = variant {
              BadFee : record { expected_fee : nat }; BadBurn : record { min_burn_amount : nat }; InsufficientFunds : record { balance : nat };
              TooOld; CreatedInFuture : record { ledger_time : nat64 }; Duplicate : record { duplicate_of : nat }; TemporarilyUnavailable;
              GenericError : record { error_code : nat; message : text } };
            type MetadataEntry = record { text; variant { Nat : nat; Int : int; Text : text; Blob : blob } };
            type StandardRecord = record { name : text; url : text };
            """).Definitions;
        foreach (var (clr, name) in new[]
        {
            (typeof(Account), "Account"), (typeof(TransferArg), "TransferArg"), (typeof(TransferError), "TransferError"),
            (typeof((string, MetadataValue)), "MetadataEntry"), (typeof(SupportedStandard), "StandardRecord"),
        })
        {
            var mapped = CandidSerializer.TypeOf(clr);
            Assert.True(Subtyping.IsSubtype(mapped, did[name]) && Subtyping.IsSubtype(did[name], mapped), $"{mapped} vs {did[name]}");
        }
    }
}
