using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Wallet;

/// <summary>The signer's wallet: its balance and its last movements (<c>GET /api/v1/wallet</c>).</summary>
/// <param name="Signer">The device-signed caller.</param>
/// <param name="Limit">How many movements, 1-<see cref="MaxLimit"/>.</param>
public sealed record ViewWallet(AccountPrincipal Signer, int Limit = ViewWallet.DefaultLimit) : IQuery<Result<WalletView>>
{
    /// <summary>Movements shown when the caller names no limit.</summary>
    public const int DefaultLimit = 20;

    /// <summary>The most movements one call shows.</summary>
    public const int MaxLimit = 200;
}

/// <summary>A wallet as its owner sees it.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Balance">What the wallet holds.</param>
/// <param name="Entries">The last movements, newest first.</param>
public sealed record WalletView(Guid AccountId, UsdAmount Balance, IReadOnlyList<WalletEntry> Entries);

/// <summary>Handles <see cref="ViewWallet"/>.</summary>
internal sealed class ViewWalletHandler(ILedger ledger, IWalletEntries entries) : IQueryHandler<ViewWallet, Result<WalletView>>
{
    public async ValueTask<Result<WalletView>> Handle(ViewWallet query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Signer.AccountId is not { } account)
        {
            return Result.Fail<WalletView>(AccountErrors.NoAccount());
        }

        if (query.Limit is < 1 or > ViewWallet.MaxLimit)
        {
            return Result.Fail<WalletView>(DomainError.Invalid("invalid_limit", $"limit must be 1-{ViewWallet.MaxLimit}."));
        }

        var wallet = LedgerAccount.Wallet(account);
        var balance = await ledger.BalanceAsync(wallet, cancellationToken);
        var recent = await entries.RecentAsync(wallet, query.Limit, cancellationToken);
        return new WalletView(account, UsdAmount.FromNanoUsd(balance).Value, recent);
    }
}
