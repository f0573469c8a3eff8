using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Books;

/// <summary>The prepaid USD balance of an account's wallet (zero before its first top-up).</summary>
/// <param name="AccountId">The account.</param>
public sealed record WalletBalance(Guid AccountId) : IQuery<Result<UsdAmount>>;

/// <summary>Handles <see cref="WalletBalance"/>.</summary>
internal sealed class WalletBalanceHandler(ILedger ledger) : IQueryHandler<WalletBalance, Result<UsdAmount>>
{
    public async ValueTask<Result<UsdAmount>> Handle(WalletBalance query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AccountId == Guid.Empty)
        {
            return Result.Fail<UsdAmount>(DomainError.Invalid("invalid_account", "an account id is required."));
        }

        var balance = await ledger.BalanceAsync(LedgerAccount.Wallet(query.AccountId), cancellationToken);
        // The database refuses a negative wallet, so a negative number here means the books were tampered with.
        return balance < 0
            ? throw new InvalidOperationException($"wallet of {query.AccountId} is negative ({balance} nano-USD): run admin books verify")
            : UsdAmount.FromNanoUsd(balance);
    }
}
