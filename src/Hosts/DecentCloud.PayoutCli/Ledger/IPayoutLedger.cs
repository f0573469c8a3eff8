using System.Numerics;
using DecentCloud.Icp.Agent.Icrc1;

namespace DecentCloud.PayoutCli.Ledger;

/// <summary>What the send loop needs of a token's ledger: the transfer, and its history to look a transfer up.</summary>
internal interface IPayoutLedger
{
    /// <summary>
    /// <c>icrc1_transfer</c> with exactly <paramref name="arg"/>; a lost reply is retried with the same argument and,
    /// once the retries are spent, throws <see cref="CanisterUnreachableException"/> (the transfer may have happened).
    /// </summary>
    Task<TransferOutcome> TransferAsync(TransferArg arg, CancellationToken cancellationToken);

    /// <summary>
    /// The block of a transfer from <paramref name="from"/> with <paramref name="memo"/> created at or after
    /// <paramref name="sinceNanos"/>, or null when the ledger holds none.
    /// </summary>
    Task<BigInteger?> FindTransferAsync(Account from, byte[] memo, ulong sinceNanos, CancellationToken cancellationToken);
}
