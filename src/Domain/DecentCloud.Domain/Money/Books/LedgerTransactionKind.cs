namespace DecentCloud.Domain.Money.Books;

/// <summary>Why money moved; stored and shown by its wire name (<see cref="LedgerTransactionKinds.ToWire"/>).</summary>
public enum LedgerTransactionKind
{
    /// <summary><c>topup</c>: money came in from a rail into a wallet.</summary>
    TopUp,

    /// <summary><c>rental_debit</c>: a rental's price moved from the wallet into the contract's escrow.</summary>
    RentalDebit,

    /// <summary><c>rental_refund</c>: unreleased escrow went back to the wallet.</summary>
    RentalRefund,

    /// <summary><c>adjustment</c>: an operator's correction.</summary>
    Adjustment,

    /// <summary><c>purchase</c>: the user bought something from the platform with the wallet.</summary>
    Purchase,

    /// <summary><c>escrow_release</c>: earned escrow moved to the provider's payable (and the fee to revenue).</summary>
    EscrowRelease,

    /// <summary><c>payout</c>: the provider was paid from its payable through a rail.</summary>
    Payout,

    /// <summary><c>reversal</c>: an earlier movement undone (e.g. a refunded card payment).</summary>
    Reversal,
}

/// <summary>The wire names of <see cref="LedgerTransactionKind"/>.</summary>
public static class LedgerTransactionKinds
{
    /// <summary>The longest wire name.</summary>
    public const int MaxLength = 32;

    private static readonly Dictionary<LedgerTransactionKind, string> Names = new()
    {
        [LedgerTransactionKind.TopUp] = "topup",
        [LedgerTransactionKind.RentalDebit] = "rental_debit",
        [LedgerTransactionKind.RentalRefund] = "rental_refund",
        [LedgerTransactionKind.Adjustment] = "adjustment",
        [LedgerTransactionKind.Purchase] = "purchase",
        [LedgerTransactionKind.EscrowRelease] = "escrow_release",
        [LedgerTransactionKind.Payout] = "payout",
        [LedgerTransactionKind.Reversal] = "reversal",
    };

    /// <summary>The wire name, e.g. <c>rental_debit</c>.</summary>
    public static string ToWire(this LedgerTransactionKind kind) =>
        Names.TryGetValue(kind, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(kind), kind, "no such transaction kind.");

    /// <summary>Reads a wire name; <c>null</c> when unknown.</summary>
    public static LedgerTransactionKind? FromWire(string? name)
    {
        foreach (var (kind, wire) in Names)
        {
            if (wire == name)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="kind"/> is a defined kind.</summary>
    public static bool IsDefined(LedgerTransactionKind kind) => Names.ContainsKey(kind);
}
