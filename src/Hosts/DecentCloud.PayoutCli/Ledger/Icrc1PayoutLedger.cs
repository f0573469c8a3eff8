using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;

namespace DecentCloud.PayoutCli.Ledger;

/// <summary>The send loop's ledger over the ICRC-1 client (transfers) and the ledger's ICRC-3 blocks (history).</summary>
internal sealed class Icrc1PayoutLedger(Icrc1Client client) : IPayoutLedger
{
    private readonly LedgerHistory _history = new(client);

    /// <inheritdoc />
    public Task<TransferOutcome> TransferAsync(TransferArg arg, CancellationToken cancellationToken) => client.TransferAsync(arg, cancellationToken);

    /// <inheritdoc />
    public async Task<BigInteger?> FindTransferAsync(Account from, byte[] memo, ulong sinceNanos, CancellationToken cancellationToken) =>
        (await _history.FindTransferAsync(from, memo, sinceNanos, cancellationToken))?.Index;
}
