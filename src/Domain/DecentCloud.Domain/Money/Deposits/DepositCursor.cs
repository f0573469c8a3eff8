namespace DecentCloud.Domain.Money.Deposits;

/// <summary>
/// How far the deposit scan read one ledger: the next block to read. It moves in the same database transaction as the
/// deposits of the blocks it passes, so a crash either keeps both or neither, and a restart reads on from where the
/// last committed scan stopped.
/// </summary>
public sealed class DepositCursor
{
    private DepositCursor()
    {
        Ledger = null!;
    }

    /// <summary>The ledger canister id.</summary>
    public string Ledger { get; private set; }

    /// <summary>The next block index to read.</summary>
    public long NextBlock { get; private set; }

    /// <summary>When it last moved.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A cursor at the start of <paramref name="ledger"/>'s log.</summary>
    public static DepositCursor Start(string ledger, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(ledger);
        return new DepositCursor { Ledger = ledger, NextBlock = 0, UpdatedAt = now };
    }

    /// <summary>Moves past every block before <paramref name="nextBlock"/>; never backwards.</summary>
    public void MoveTo(long nextBlock, DateTimeOffset now)
    {
        if (nextBlock < NextBlock)
        {
            throw new InvalidOperationException($"the deposit cursor of {Ledger} cannot move back from {NextBlock} to {nextBlock}.");
        }

        NextBlock = nextBlock;
        UpdatedAt = now;
    }
}
