namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>A booked transaction (<c>ledger_transactions</c>); its postings are <see cref="LedgerPostingRow"/>s.</summary>
internal sealed class LedgerTransactionRow
{
    public Guid Id { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string IdempotencyKey { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Memo { get; set; } = string.Empty;
}

/// <summary>One posting of a transaction (<c>ledger_postings</c>): one account, a signed amount of nano-USD.</summary>
internal sealed class LedgerPostingRow
{
    public Guid TransactionId { get; set; }

    public string Account { get; set; } = string.Empty;

    public long Amount { get; set; }
}

/// <summary>An account's running balance (<c>ledger_balances</c>), the sum of its postings.</summary>
internal sealed class LedgerBalanceRow
{
    public string Account { get; set; } = string.Empty;

    public long Balance { get; set; }

    /// <summary>Every account but a rail: the database refuses a balance below zero.</summary>
    public bool NonNegative { get; set; }

    public long Version { get; set; }
}
