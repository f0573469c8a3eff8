using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;

namespace DecentCloud.PayoutCli.Ledger;

/// <summary>A ledger's blocks (ICRC-3 through <see cref="Icrc1Client.GetBlocksAsync"/>): one block, or a transfer looked up by its memo.</summary>
internal sealed class LedgerHistory(Icrc1Client client)
{
    /// <summary>Blocks asked for per request while scanning back.</summary>
    public int PageSize { get; init; } = 1_000;

    /// <summary>The block at <paramref name="index"/>, or null when the ledger does not (yet) hold it.</summary>
    public async Task<LedgerBlock?> BlockAsync(BigInteger index, CancellationToken cancellationToken)
    {
        var blocks = await client.GetBlocksAsync(index, 1, cancellationToken);
        return blocks.Blocks.FirstOrDefault(b => b.Index == index);
    }

    /// <summary>
    /// The newest transfer from <paramref name="from"/> carrying <paramref name="memo"/> that the ledger accepted at or after
    /// <paramref name="sinceNanos"/>, scanning back from the end of the log until the blocks are older than that.
    /// </summary>
    public async Task<LedgerBlock?> FindTransferAsync(Account from, byte[] memo, ulong sinceNanos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(memo);
        var end = await LogLengthAsync(cancellationToken);
        while (end > 0)
        {
            var start = BigInteger.Max(0, end - PageSize);
            var page = await ReadAsync(start, end, cancellationToken);
            if (page.LastOrDefault(b => b.Operation == "xfer" && SameAccount(b.From, from) && b.Memo is { } m && m.AsSpan().SequenceEqual(memo)) is { } found)
            {
                return found.Timestamp >= sinceNanos ? found : null;
            }

            if (page.Count == 0 || page[0].Timestamp < sinceNanos)
            {
                return null;
            }

            end = start;
        }

        return null;
    }

    /// <summary>How many blocks the ledger's log holds.</summary>
    public async Task<BigInteger> LogLengthAsync(CancellationToken cancellationToken) =>
        (await client.GetBlocksAsync(0, 0, cancellationToken)).LogLength;

    /// <summary>Whether two accounts are the same (no subaccount and the all-zero one are the default account).</summary>
    public static bool SameAccount(Account? a, Account? b) =>
        a is not null && b is not null && a.Owner.Equals(b.Owner) && Sub(a).AsSpan().SequenceEqual(Sub(b));

    private static byte[] Sub(Account account) => account.Subaccount ?? new byte[32];

    /// <summary>Blocks [<paramref name="start"/>, <paramref name="end"/>): a ledger caps each reply, so this asks again from the next index until the range is read.</summary>
    public async Task<List<LedgerBlock>> ReadAsync(BigInteger start, BigInteger end, CancellationToken cancellationToken)
    {
        var blocks = new List<LedgerBlock>();
        var next = start;
        while (next < end)
        {
            var reply = await client.GetBlocksAsync(next, end - next, cancellationToken);
            if (reply.Blocks.Count == 0)
            {
                break;
            }

            blocks.AddRange(reply.Blocks);
            next = reply.Blocks[^1].Index + 1;
        }

        return blocks;
    }
}
