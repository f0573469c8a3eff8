using DecentCloud.Application.Books;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications.Events;

/// <summary>
/// Warns a user whose wallet a debit just took from at or above <see cref="NotificationEventOptions.WalletLowThresholdE9s"/>
/// to below it: once for that debit, never again for later debits while it stays below.
/// </summary>
/// <remarks>
/// Called by the use case that posted the debit, inside its transaction and right after the post, instead of from a domain
/// event: the books are not an aggregate (a posting is written straight to the ledger's tables, with the wallet's balance
/// row locked until commit), and only right after the post is the balance certainly the one this debit left. Before
/// the debit it was that balance plus the debit, so the crossing is exact even with concurrent debits of the same wallet.
/// </remarks>
internal sealed class WalletLowWarning(ILedger ledger, INotifier notifier, IOptions<NotificationEventOptions> options)
{
    /// <summary>
    /// Notifies <paramref name="accountId"/> when <paramref name="debit"/> (booked by this call's transaction, not a replay
    /// of an earlier one) took its wallet across the threshold; reports whether it did.
    /// </summary>
    public async Task<bool> AfterDebitAsync(Guid accountId, LedgerTransaction debit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(debit);
        var wallet = LedgerAccount.Wallet(accountId);
        var debited = -debit.Postings.Where(p => p.Account == wallet).Sum(p => p.AmountNanoUsd);
        if (debited <= 0)
        {
            return false;
        }

        var threshold = options.Value.WalletLowThresholdE9s;
        var after = await ledger.BalanceAsync(wallet, cancellationToken);
        var before = after + debited;
        if (before < threshold || after >= threshold)
        {
            return false;
        }

        await notifier.NotifyAsync(
            new Notice(
                accountId,
                NotificationKind.WalletLow,
                $"wallet_low:{accountId:N}:{debit.IdempotencyKey}",
                "Your wallet is running low",
                $"Your wallet balance is {NotificationTexts.Usd(after)}, below {NotificationTexts.Usd(threshold)}. "
                + "Top it up to keep renting and to keep paid notifications."),
            cancellationToken);
        return true;
    }
}
