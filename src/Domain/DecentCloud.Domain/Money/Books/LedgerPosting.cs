namespace DecentCloud.Domain.Money.Books;

/// <summary>One line of a transaction: a signed amount of nano-USD into (positive) or out of (negative) an account.</summary>
/// <param name="Account">The account.</param>
/// <param name="AmountNanoUsd">Nano-USD; positive puts money in, negative takes it out.</param>
public sealed record LedgerPosting(LedgerAccount Account, long AmountNanoUsd);
