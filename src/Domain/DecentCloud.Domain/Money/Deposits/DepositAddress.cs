namespace DecentCloud.Domain.Money.Deposits;

/// <summary>
/// An account's deposit subaccount, written when its address is first shown: the scan maps a subaccount seen on a
/// ledger back to its account through these rows (the hash cannot be reversed), so a transfer to any other subaccount
/// of the deposit principal is not ours and is ignored.
/// </summary>
public sealed class DepositAddress
{
    private DepositAddress()
    {
        Subaccount = null!;
    }

    /// <summary>The subaccount (hex).</summary>
    public string Subaccount { get; private set; }

    /// <summary>Its account.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>When it was first shown.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The deposit address row of <paramref name="accountId"/>.</summary>
    public static DepositAddress For(Guid accountId, DateTimeOffset now) =>
        new() { Subaccount = DepositSubaccount.For(accountId).Hex, AccountId = accountId, CreatedAt = now };
}
