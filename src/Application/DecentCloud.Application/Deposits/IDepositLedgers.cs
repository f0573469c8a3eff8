using System.Numerics;
using DecentCloud.Domain.Money.Deposits;

namespace DecentCloud.Application.Deposits;

/// <summary>
/// The ICRC-1 ledgers deposits arrive on, seen from the platform's deposit principal. Registered only when deposits are
/// on (a deposit identity is configured); its absence means "deposits off".
/// </summary>
public interface IDepositLedgers
{
    /// <summary>The ICRC-1 account text of <c>(deposit principal, <paramref name="subaccount"/>)</c>: what a user sends tokens to.</summary>
    string AddressOf(DepositSubaccount subaccount);

    /// <summary>The ledger's current fee and decimals, read from the ledger.</summary>
    Task<LedgerTerms> TermsAsync(string ledger, CancellationToken cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="count"/> blocks from <paramref name="start"/> and returns the transfers (<c>xfer</c>) into a
    /// non-default subaccount of the deposit principal, and the index after the last block read (as many contiguous
    /// blocks as the ledger served; <paramref name="start"/> itself when there are no new blocks).
    /// </summary>
    Task<IncomingTransfers> ReadTransfersAsync(string ledger, long start, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="amount"/> from the deposit subaccount to the treasury with exactly these
    /// <paramref name="createdAtNanos"/>, <paramref name="memo"/> and <paramref name="fee"/>, so that a resend is recognised as a
    /// duplicate by the ledger.
    /// </summary>
    Task<SweepOutcome> SweepAsync(string ledger, DepositSubaccount from, BigInteger amount, BigInteger fee, long createdAtNanos, byte[] memo, CancellationToken cancellationToken);

    /// <summary>
    /// The block of a transfer out of <paramref name="from"/> with <paramref name="memo"/> at or after <paramref name="sinceBlock"/>,
    /// or <c>null</c> when the ledger's whole log from there has none.
    /// </summary>
    Task<long?> FindSweepAsync(string ledger, DepositSubaccount from, byte[] memo, long sinceBlock, CancellationToken cancellationToken);
}

/// <summary>A ledger's fee and decimals.</summary>
/// <param name="Fee">The transfer fee in base units.</param>
/// <param name="Decimals">Fraction digits of one whole token.</param>
public sealed record LedgerTerms(BigInteger Fee, int Decimals);

/// <summary>The deposit transfers found in a range of blocks.</summary>
/// <param name="NextBlock">The index after the last block read.</param>
/// <param name="Transfers">The transfers into deposit subaccounts, by block index.</param>
public sealed record IncomingTransfers(long NextBlock, IReadOnlyList<IncomingTransfer> Transfers);

/// <summary>One transfer into a deposit subaccount.</summary>
/// <param name="BlockIndex">Its block.</param>
/// <param name="FromAccount">The sender's ICRC-1 account text.</param>
/// <param name="Subaccount">The deposit subaccount credited.</param>
/// <param name="Amount">Base units received.</param>
public sealed record IncomingTransfer(long BlockIndex, string FromAccount, DepositSubaccount Subaccount, BigInteger Amount);

/// <summary>How a sweep ended.</summary>
/// <param name="Block">The sweep's block (its own or, for a resend, the original one the ledger named as a duplicate); <c>null</c> when refused.</param>
/// <param name="Error">The ledger's refusal (e.g. <c>BadFee</c>, <c>TooOld</c>), or <c>null</c>.</param>
public sealed record SweepOutcome(long? Block, string? Error);
