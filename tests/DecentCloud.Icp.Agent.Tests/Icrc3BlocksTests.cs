using System.Numerics;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Text;
using DecentCloud.Icp.Candid.Types;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>ICRC-3 <c>icrc3_get_blocks</c> through the HTTP agent against <see cref="LocalReplica"/>, and the ledger's standard rules.</summary>
public sealed class Icrc3BlocksTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Principal LedgerId = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");
    private static readonly Account Provider = new(Principal.FromText("aaaaa-aa"), Enumerable.Repeat((byte)7, 32).ToArray());
    private readonly Ed25519Identity _identity = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)5, 32).ToArray());
    private readonly FakeTimeProvider _ledgerClock = new(Start);
    private InMemoryLedger _ledger = null!;
    private LocalReplica _replica = null!;
    private HttpAgent _agent = null!;
    private Icrc1Client _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _ledger = new InMemoryLedger(_identity.Sender, _ledgerClock);
        _ledger.Mint(new Account(_identity.Sender), 1_000_000_000);
        _replica = await LocalReplica.StartAsync(_ledger, LedgerId);
        _agent = new HttpAgent(new HttpAgentOptions { Host = _replica.Url, Identity = _identity, RootKey = _replica.RootKeyDer });
        _client = new Icrc1Client(_agent, LedgerId, _ledgerClock);
    }

    public async ValueTask DisposeAsync()
    {
        _agent.Dispose();
        await _replica.DisposeAsync();
    }

    private static ulong Nanos(DateTimeOffset time) => (ulong)(time - DateTimeOffset.UnixEpoch).Ticks * 100;

    [Fact]
    public async Task Transfers_read_back_as_blocks_with_sender_recipient_amount_fee_memo_and_time()
    {
        var memo = "DCPAYOUT-0001"u8.ToArray();
        var first = await _client.TransferAsync(new TransferArg(null, Provider, 250_000, 10_000, memo, Nanos(Start)), Ct);
        _ledgerClock.Advance(TimeSpan.FromSeconds(3));
        var user = Principal.FromText("2vxsx-fae");
        _ledger.Mint(new Account(user), 1_000_000);
        var deposit = _ledger.TransferAs(user, new TransferArg(null, new Account(_identity.Sender, Enumerable.Repeat((byte)9, 32).ToArray()), 40_000, null, null, null));

        var read = await _client.GetBlocksAsync(0, 10, Ct);

        Assert.Equal(2, read.LogLength);
        Assert.Equal(2, read.Blocks.Count);
        var payout = read.Blocks[0];
        Assert.Equal(first.BlockIndex, payout.Index);
        Assert.Equal("xfer", payout.Operation);
        Assert.Equal(_identity.Sender, payout.From!.Owner);
        Assert.Null(payout.From.Subaccount);
        Assert.Equal(Provider.Owner, payout.To!.Owner);
        Assert.Equal(Provider.Subaccount, payout.To.Subaccount);
        Assert.Equal(250_000, payout.Amount);
        Assert.Equal(10_000, payout.Fee);
        Assert.Equal(memo, payout.Memo);
        Assert.Equal(Nanos(Start), payout.CreatedAtTime);
        Assert.Equal(Nanos(Start), payout.Timestamp);
        var credited = read.Blocks[1];
        Assert.Equal(BigInteger.One, ((TransferResult.Ok)deposit).Value);
        Assert.Equal(user, credited.From!.Owner);
        Assert.Equal(9, credited.To!.Subaccount![0]);
        Assert.Equal(10_000, credited.Fee);
        Assert.Null(credited.Memo);
        Assert.Null(credited.CreatedAtTime);
        Assert.Equal(Nanos(Start.AddSeconds(3)), credited.Timestamp);
    }

    [Fact]
    public async Task Blocks_in_an_archive_are_fetched_through_its_callback_and_a_capped_reply_is_not_the_end_of_the_log()
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.True((await _client.TransferAsync(new TransferArg(null, Provider, 1_000 + i, null, [(byte)i], Nanos(Start) + (ulong)i), Ct)).Succeeded);
        }

        _ledger.ArchivedBelow = 5;
        _ledger.MaxBlocksPerReply = 4;
        var read = await _client.GetBlocksAsync(2, 20, Ct);
        Assert.Equal(12, read.LogLength);
        Assert.Equal([2, 3, 4, 5, 6, 7, 8], read.Blocks.Select(b => (int)b.Index));
        Assert.All(read.Blocks, b => Assert.Equal(1_000 + (int)b.Index, (int)b.Amount));
        Assert.Contains(_replica.Contents, c => c.Text("method_name") == InMemoryLedger.ArchiveMethod);

        var rest = await _client.GetBlocksAsync(9, 20, Ct);
        Assert.Equal([9, 10, 11], rest.Blocks.Select(b => (int)b.Index));
        Assert.Empty((await _client.GetBlocksAsync(12, 5, Ct)).Blocks);
    }

    [Fact]
    public async Task The_ledger_follows_the_window_and_the_permitted_drift_of_the_standard()
    {
        var tooOld = Nanos(Start - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2)) - 1;
        var oldest = Nanos(Start - TimeSpan.FromHours(24) - TimeSpan.FromMinutes(2));
        var latest = Nanos(Start + TimeSpan.FromMinutes(2));
        var future = latest + 1;
        Assert.Equal(new TransferError.TooOld(), (await _client.TransferAsync(new TransferArg(null, Provider, 1, null, null, tooOld), Ct)).Error);
        Assert.True((await _client.TransferAsync(new TransferArg(null, Provider, 1, null, [1], oldest), Ct)).Succeeded);
        Assert.True((await _client.TransferAsync(new TransferArg(null, Provider, 1, null, [2], latest), Ct)).Succeeded);
        Assert.Equal(new TransferError.CreatedInFuture(Nanos(Start)), (await _client.TransferAsync(new TransferArg(null, Provider, 1, null, null, future), Ct)).Error);
    }

    [Fact]
    public async Task Only_a_transfer_with_created_at_time_is_deduplicated()
    {
        var raw = new Icrc1Client(_agent, LedgerId, _ledgerClock);
        var bytes = Candid.Mapping.CandidSerializer.Encode(new TransferArg(null, Provider, 7, null, null, null));
        // The client always fixes created_at_time; sent raw without it, the same transfer twice is two transfers.
        await _agent.CallAsync(LedgerId, "icrc1_transfer", bytes, Ct);
        await _agent.CallAsync(LedgerId, "icrc1_transfer", bytes, Ct);
        Assert.Equal(2, (await raw.GetBlocksAsync(0, 10, Ct)).Blocks.Count);
        var dated = new TransferArg(null, Provider, 7, null, [42], Nanos(Start));
        var once = await raw.TransferAsync(dated, Ct);
        var again = await raw.TransferAsync(dated, Ct);
        Assert.Equal(new TransferOutcome(2, null, false), once);
        Assert.Equal(new TransferOutcome(2, null, true), again);
    }

    [Fact]
    public async Task A_memo_above_32_bytes_is_rejected_and_nothing_is_recorded()
    {
        var refused = await Assert.ThrowsAsync<CanisterRejectedException>(() =>
            _client.TransferAsync(new TransferArg(null, Provider, 1, null, new byte[33], null), Ct));
        Assert.Contains("33 bytes", refused.Message, StringComparison.Ordinal);
        Assert.True((await _client.TransferAsync(new TransferArg(null, Provider, 1, null, new byte[32], null), Ct)).Succeeded);
        Assert.Equal(1, (await _client.GetBlocksAsync(0, 10, Ct)).LogLength);
    }

    [Fact]
    public void The_blocks_types_are_the_icrc3_did_types()
    {
        var did = CandidTextFormat.ParseDid("""
            type ICRC3Value = variant { Blob : blob; Text : text; Nat : nat; Int : int; Array : vec ICRC3Value; Map : vec record { text; ICRC3Value } };
            type GetBlocksArgs = vec record { start : nat; length : nat };
            type GetBlocksResult = record {
              log_length : nat;
              blocks : vec record { id : nat; block : ICRC3Value };
              archived_blocks : vec record { args : GetBlocksArgs; callback : func (GetBlocksArgs) -> (GetBlocksResult) query };
            };
            """).Definitions;
        // What a standard ledger serves is readable at our types (our Value has one more case, Nat64, for older ledgers).
        Assert.True(Subtyping.IsSubtype(did["GetBlocksResult"], Icrc3Candid.GetBlocksResult));
        Assert.True(Subtyping.IsSubtype(did["ICRC3Value"], Icrc3Candid.Value));
        Assert.True(Subtyping.IsSubtype(Icrc3Candid.GetBlocksArgs, did["GetBlocksArgs"]));
    }
}
