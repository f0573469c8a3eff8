using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;

namespace DecentCloud.PayoutCli.Ledger;

/// <summary>The send loop's ledger over the ICRC-1 client (transfers) and the ledger's ICRC-3 blocks (history).</summary>
internal sealed class Icrc1PayoutLedger(Icrc1Client client, ICanisterTransport transport, Principal ledger) : IPayoutLedger
{
    /// <inheritdoc />
    public Task<TransferOutcome> TransferAsync(TransferArg arg, CancellationToken cancellationToken) => client.TransferAsync(arg, cancellationToken);

    /// <inheritdoc />
    public Task<BigInteger?> FindTransferAsync(Account from, byte[] memo, ulong sinceNanos, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"TODO {transport} {ledger}");
}
