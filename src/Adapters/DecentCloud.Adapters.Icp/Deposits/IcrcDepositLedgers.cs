using System.Numerics;
using DecentCloud.Application.Deposits;
using DecentCloud.Domain.Money.Deposits;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Adapters.Icp.Deposits;

/// <summary>
/// The deposit ports on real ICRC-1 ledgers through the verified-certificate agent, signing as the deposit principal:
/// blocks read through ICRC-3 <c>icrc3_get_blocks</c>, sweeps through <c>icrc1_transfer</c> with the safe-retry pattern.
/// </summary>
internal sealed class IcrcDepositLedgers(ICanisterTransport transport, Principal depositPrincipal, IcrcAccount treasury, TimeProvider time) : IDepositLedgers, IDisposable
{
    /// <summary>Disposes the agent (its HTTP client) with the container.</summary>
    public void Dispose() => (transport as IDisposable)?.Dispose();

    public string AddressOf(DepositSubaccount subaccount) => new IcrcAccount(depositPrincipal, subaccount.ToBytes()).ToString();

    public async Task<LedgerTerms> TermsAsync(string ledger, CancellationToken cancellationToken)
    {
        var client = Client(ledger);
        var fee = await client.FeeAsync(cancellationToken);
        var decimals = await client.DecimalsAsync(cancellationToken);
        return new LedgerTerms(fee, decimals);
    }

    public async Task<IncomingTransfers> ReadTransfersAsync(string ledger, long start, int count, CancellationToken cancellationToken)
    {
        var read = await Client(ledger).GetBlocksAsync(start, count, cancellationToken);
        var next = start;
        var transfers = new List<IncomingTransfer>();
        // Only the blocks contiguous from the start count as read: a gap (a reply cut short) is asked for again next time.
        foreach (var block in read.Blocks.OrderBy(b => b.Index))
        {
            if (block.Index != next)
            {
                break;
            }

            next++;
            // Principal compares by value through Equals only (it has no == operator).
            if (block.Operation == "xfer" && block.To is { Subaccount: { } sub } to && to.Owner.Equals(depositPrincipal)
                && DepositSubaccount.FromBytes(sub) is { } subaccount)
            {
                var from = block.From is { } f ? new IcrcAccount(f.Owner, f.Subaccount is { Length: IcrcAccount.SubaccountLength } s ? s : null).ToString() : string.Empty;
                transfers.Add(new IncomingTransfer((long)block.Index, from, subaccount, block.Amount));
            }
        }

        return new IncomingTransfers(next, transfers);
    }

    public async Task<SweepOutcome> SweepAsync(
        string ledger, DepositSubaccount from, BigInteger amount, BigInteger fee, long createdAtNanos, byte[] memo, CancellationToken cancellationToken)
    {
        var arg = new TransferArg(from.ToBytes(), new Account(treasury.Owner, treasury.Subaccount), amount, fee, memo, (ulong)createdAtNanos);
        var outcome = await Client(ledger).TransferAsync(arg, cancellationToken);
        return outcome.BlockIndex is { } block ? new SweepOutcome((long)block, null) : new SweepOutcome(null, outcome.Error?.GetType().Name ?? "unknown");
    }

    public async Task<long?> FindSweepAsync(string ledger, DepositSubaccount from, byte[] memo, long sinceBlock, CancellationToken cancellationToken)
    {
        var client = Client(ledger);
        var next = new BigInteger(sinceBlock);
        while (true)
        {
            var read = await client.GetBlocksAsync(next, SearchPage, cancellationToken);
            foreach (var block in read.Blocks)
            {
                if (block.Operation == "xfer" && block.From is { Subaccount: { } sub } source && source.Owner.Equals(depositPrincipal)
                    && sub.AsSpan().SequenceEqual(from.ToBytes()) && block.Memo is { } found && found.AsSpan().SequenceEqual(memo))
                {
                    return (long)block.Index;
                }
            }

            if (read.Blocks.Count == 0 || read.Blocks[^1].Index + 1 >= read.LogLength)
            {
                // "None" only once the log is read to its current end; a reply that serves nothing short of it is a fault.
                return read.Blocks.Count == 0 && next < read.LogLength
                    ? throw new InvalidOperationException($"ledger {ledger} served no block from {next} below its log length {read.LogLength}.")
                    : null;
            }

            next = read.Blocks[^1].Index + 1;
        }
    }

    private const int SearchPage = 500;

    private Icrc1Client Client(string ledger) => new(transport, Principal.FromText(ledger), time);
}
