namespace DecentCloud.Domain.Money.Books;

/// <summary>What a ledger account holds; the text form of an account starts with the kind's name.</summary>
public enum LedgerAccountKind
{
    /// <summary><c>wallet:{accountId}</c>: a user's prepaid USD; never negative.</summary>
    Wallet,

    /// <summary><c>escrow:{contractId}</c>: what a contract's renter paid and is not yet released or refunded; never negative.</summary>
    Escrow,

    /// <summary><c>payable:{providerId}</c>: what a provider has earned and not yet been paid; never negative.</summary>
    Payable,

    /// <summary><c>revenue</c>: the platform's fees; never negative.</summary>
    Revenue,

    /// <summary>
    /// <c>rail:{name}</c>: money that entered (negative) or left (positive) the platform through an outside rail such as
    /// Stripe, ICPay, an ICRC-1 ledger or a manual transfer; it may be negative.
    /// </summary>
    Rail,
}
