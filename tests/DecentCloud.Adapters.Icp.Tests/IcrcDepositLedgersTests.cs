using System.Numerics;
using DecentCloud.Adapters.Icp.Deposits;
using DecentCloud.Domain.Money.Deposits;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Adapters.Icp.Tests;

/// <summary>The deposit adapter over the real agent against the local replica and the in-memory ICRC-1 ledger.</summary>
public sealed class IcrcDepositLedgersTests
{
    private static readonly Ed25519Identity Deposit = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)3, 32).ToArray());
    private static readonly Principal Payer = Ed25519Identity.FromSeed(Enumerable.Repeat((byte)4, 32).ToArray()).Sender;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_transfers_into_a_deposit_subaccount_of_the_deposit_principal_are_read_across_capped_replies_and_the_archive()
    {
        var ledger = new InMemoryLedger(Deposit.Sender, TimeProvider.System) { MaxBlocksPerReply = 2, ArchivedBelow = 2 };
        ledger.Mint(new Account(Payer), 10_000_000_000);
        var sub = DepositSubaccount.For(Guid.NewGuid());
        Send(ledger, new Account(Deposit.Sender, sub.ToBytes()), 111);                  // 0: a deposit (archived)
        Send(ledger, new Account(Deposit.Sender), 222);                                  // 1: the default account: the treasury, not a deposit
        Send(ledger, new Account(Payer, sub.ToBytes()), 333);                            // 2: someone else's subaccount
        Send(ledger, new Account(Deposit.Sender, new byte[32]), 444);                    // 3: the all-zero subaccount is the default account
        Send(ledger, new Account(Deposit.Sender, sub.ToBytes()), 555);                   // 4: a deposit
        await using var replica = await LocalReplica.StartAsync(ledger, ledger.CanisterId);
        using var ledgers = Create(replica);
        var id = ledger.CanisterId.ToText();

        Assert.Equal(new Application.Deposits.LedgerTerms(10_000, 8), await ledgers.TermsAsync(id, Ct));
        var found = new List<Application.Deposits.IncomingTransfer>();
        long next = 0;
        var reads = 0;
        for (var i = 0; i < 10; i++)
        {
            var page = await ledgers.ReadTransfersAsync(id, next, 10, Ct);
            reads++;
            found.AddRange(page.Transfers);
            if (page.NextBlock == next)
            {
                break;
            }

            next = page.NextBlock;
        }

        // A capped reply is a shorter page, never the end of the log: several reads get there.
        Assert.Equal(5, next);
        Assert.InRange(reads, 3, 10);
        Assert.Equal([(0L, (BigInteger)111), (4L, (BigInteger)555)], found.Select(t => (t.BlockIndex, t.Amount)));
        Assert.All(found, t => Assert.Equal(sub, t.Subaccount));
        Assert.All(found, t => Assert.Equal(new IcrcAccount(Payer).ToString(), t.FromAccount));
        Assert.Equal(new IcrcAccount(Deposit.Sender, sub.ToBytes()).ToString(), ledgers.AddressOf(sub));
    }

    [Fact]
    public async Task A_sweep_sent_twice_is_one_transfer_and_a_refusal_is_named()
    {
        var ledger = new InMemoryLedger(Deposit.Sender, TimeProvider.System);
        ledger.Mint(new Account(Payer), 10_000_000_000);
        var sub = DepositSubaccount.For(Guid.NewGuid());
        Send(ledger, new Account(Deposit.Sender, sub.ToBytes()), 1_000_000);
        await using var replica = await LocalReplica.StartAsync(ledger, ledger.CanisterId);
        using var ledgers = Create(replica);
        var id = ledger.CanisterId.ToText();
        var created = (DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100;
        byte[] memo = [1, 2, 3];

        var first = await ledgers.SweepAsync(id, sub, 990_000, 10_000, created, memo, Ct);
        var again = await ledgers.SweepAsync(id, sub, 990_000, 10_000, created, memo, Ct);
        Assert.Equal(new Application.Deposits.SweepOutcome(1, null), first);
        Assert.Equal(first, again);
        Assert.Equal((BigInteger)990_000, ledger.Balance(new Account(Deposit.Sender)));
        var refused = await ledgers.SweepAsync(id, sub, 990_000, 10_000, created + 1, memo, Ct);
        Assert.Equal(new Application.Deposits.SweepOutcome(null, "InsufficientFunds"), refused);
    }

    private static IcrcDepositLedgers Create(LocalReplica replica) => new(
        new HttpAgent(new HttpAgentOptions { Host = replica.Url, Identity = Deposit, RootKey = replica.RootKeyDer }), Deposit.Sender,
        new IcrcAccount(Deposit.Sender), TimeProvider.System);

    private static void Send(InMemoryLedger ledger, Account to, BigInteger amount) =>
        Assert.IsType<TransferResult.Ok>(ledger.TransferAs(Payer, new TransferArg(null, to, amount, null, null, null)));
}
