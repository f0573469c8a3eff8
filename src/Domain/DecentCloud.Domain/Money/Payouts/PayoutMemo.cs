using System.Text;

namespace DecentCloud.Domain.Money.Payouts;

/// <summary>
/// The <c>memo</c> of an automated payout's transfer: ASCII <c>DCPAYOUT</c> ‖ the payout id's 16 bytes ‖ the attempt
/// byte (25 bytes, within ICRC-1's 32). It is derived, never random, so a resend after a crash carries the same memo and
/// the ledger deduplicates it, and <c>verify</c> can find the payout's transfer by its memo.
/// </summary>
public static class PayoutMemo
{
    /// <summary>The longest memo ICRC-1 ledgers accept.</summary>
    public const int MaxBytes = 32;

    /// <summary>The highest attempt a memo can carry (one byte).</summary>
    public const int MaxAttempt = byte.MaxValue;

    private static readonly byte[] Prefix = Encoding.ASCII.GetBytes("DCPAYOUT");

    /// <summary>The memo bytes of attempt <paramref name="attempt"/> (1-255) of payout <paramref name="payoutId"/>.</summary>
    public static byte[] Of(Guid payoutId, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(attempt, MaxAttempt);
        var memo = new byte[Prefix.Length + 16 + 1];
        Prefix.CopyTo(memo, 0);
        // Big-endian (RFC 4122 order), so the hex of the memo shows the id as it is written.
        payoutId.TryWriteBytes(memo.AsSpan(Prefix.Length, 16), bigEndian: true, out _);
        memo[^1] = (byte)attempt;
        return memo;
    }

    /// <summary>The memo as lower-case hex.</summary>
    public static string HexOf(Guid payoutId, int attempt) => Convert.ToHexStringLower(Of(payoutId, attempt));
}
