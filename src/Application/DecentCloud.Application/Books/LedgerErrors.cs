using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Books;

namespace DecentCloud.Application.Books;

/// <summary>The errors the books answer with.</summary>
public static class LedgerErrors
{
    /// <summary>The transaction would take <paramref name="account"/> below zero; nothing was written.</summary>
    public static DomainError InsufficientFunds(LedgerAccount account) =>
        DomainErrors.Conflict("insufficient_funds", $"{account} has too little money for this transaction.");
}
