namespace DecentCloud.PayoutCli.Sending;

/// <summary>How patient the send loop is with a ledger that cannot take a transfer yet.</summary>
internal sealed record SendPolicy
{
    /// <summary>Sends after <c>TemporarilyUnavailable</c> before the run stops (the payout stays submitted for the next run).</summary>
    public int UnavailableRetries { get; init; } = 4;

    /// <summary>The first wait after <c>TemporarilyUnavailable</c>; doubled each time.</summary>
    public TimeSpan UnavailableBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends after <c>CreatedInFuture</c> (each after waiting for the ledger's clock).</summary>
    public int FutureRetries { get; init; } = 3;

    /// <summary>The longest wait for the ledger's clock; a ledger further behind leaves the payout for the next run.</summary>
    public TimeSpan MaxFutureWait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The ledger's permitted drift (ICRC-1: 2 minutes): a <c>created_at_time</c> up to this far ahead is accepted.</summary>
    public TimeSpan PermittedDrift { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The ledger's transaction window (ICRC-1: 24 hours): how far back a <c>TooOld</c> transfer is looked up.</summary>
    public TimeSpan TransactionWindow { get; init; } = TimeSpan.FromHours(24);
}
