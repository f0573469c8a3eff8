using DecentCloud.Application.Books;
using DecentCloud.Domain.Money.Books;
using FluentResults;

namespace DecentCloud.Application.Wallet;

/// <summary>Books top-ups and their reversals between a rail and a wallet, once per idempotency key.</summary>
internal sealed class TopUpBooking(ILedger ledger, TimeProvider time)
{
    /// <summary>Moves <paramref name="nanoUsd"/> from <paramref name="rail"/> into the wallet; a key already booked books nothing.</summary>
    public Task<Result<WebhookOutcome>> CreditAsync(LedgerAccount rail, Guid accountId, long nanoUsd, string key, string memo, CancellationToken cancellationToken) =>
        PostAsync(LedgerTransactionKind.TopUp, rail, LedgerAccount.Wallet(accountId), nanoUsd, key, memo, WebhookOutcome.Credited, WebhookOutcome.AlreadyCredited, cancellationToken);

    /// <summary>
    /// Takes <paramref name="nanoUsd"/> back from the wallet to <paramref name="rail"/>. A wallet that no longer holds
    /// it fails with <c>insufficient_funds</c> and nothing is written: a wallet never goes negative.
    /// </summary>
    public Task<Result<WebhookOutcome>> ReverseAsync(LedgerAccount rail, Guid accountId, long nanoUsd, string key, string memo, CancellationToken cancellationToken) =>
        PostAsync(LedgerTransactionKind.Reversal, LedgerAccount.Wallet(accountId), rail, nanoUsd, key, memo, WebhookOutcome.Reversed, WebhookOutcome.AlreadyReversed, cancellationToken);

    private async Task<Result<WebhookOutcome>> PostAsync(
        LedgerTransactionKind kind, LedgerAccount from, LedgerAccount to, long nanoUsd, string key, string memo,
        WebhookOutcome booked, WebhookOutcome replayed, CancellationToken cancellationToken)
    {
        var transaction = LedgerTransaction.Create(Guid.NewGuid(), kind, key, time.GetUtcNow(), memo, [new(from, -nanoUsd), new(to, nanoUsd)]);
        if (transaction.IsFailed)
        {
            return transaction.ToResult<WebhookOutcome>();
        }

        var posted = await ledger.PostAsync(transaction.Value, cancellationToken);
        if (posted.IsFailed)
        {
            return posted.ToResult<WebhookOutcome>();
        }

        // The books return the transaction already booked under the key when this delivery is a replay.
        return posted.Value.Id == transaction.Value.Id ? booked : replayed;
    }
}
