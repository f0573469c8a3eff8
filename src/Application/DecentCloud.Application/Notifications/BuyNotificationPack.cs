using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Notifications;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Notifications;

/// <summary>
/// Buys a paid monthly pack from the signer's wallet (<c>POST /api/v1/account/notification-packs</c>): the wallet debit
/// (a <c>purchase</c> to the platform's revenue) and the pack are one transaction. The wallet is topped up by card or
/// ICPay, so both rails pay for packs. <see cref="RequestId"/> makes a retried request buy once.
/// </summary>
public sealed record BuyNotificationPack(AccountPrincipal Signer, string? Pack, string? RequestId) : ICommand<Result<NotificationPackView>>, IRetryOnConflict;

/// <summary>A bought pack.</summary>
/// <param name="Id">The pack.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Name">The offer bought.</param>
/// <param name="Messages">Messages it holds.</param>
/// <param name="Used">Messages used.</param>
/// <param name="Price">What it cost.</param>
/// <param name="PurchasedAt">When it was bought.</param>
/// <param name="ValidUntil">When what is left lapses.</param>
public sealed record NotificationPackView(Guid Id, NotificationChannel Channel, string Name, int Messages, int Used, UsdAmount Price, DateTimeOffset PurchasedAt, DateTimeOffset ValidUntil)
{
    internal static NotificationPackView Of(NotificationPack pack) =>
        new(pack.Id, pack.Channel, pack.Name, pack.Messages, pack.Used, UsdAmount.FromNanoUsd(pack.PriceNanoUsd).Value, pack.PurchasedAt, pack.ValidUntil);
}

/// <summary>Handles <see cref="BuyNotificationPack"/>.</summary>
internal sealed class BuyNotificationPackHandler(
    INotificationPackStore packs,
    ILedger ledger,
    Events.WalletLowWarning walletLow,
    IUnitOfWork unitOfWork,
    IOptions<NotificationOptions> options,
    TimeProvider time) : ICommandHandler<BuyNotificationPack, Result<NotificationPackView>>
{
    /// <summary>Longest request id.</summary>
    public const int MaxRequestIdLength = 64;

    public async ValueTask<Result<NotificationPackView>> Handle(BuyNotificationPack command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Signer.AccountId is not { } account)
        {
            return Result.Fail<NotificationPackView>(AccountErrors.NoAccount());
        }

        var offer = options.Value.EffectivePacks.FirstOrDefault(p => string.Equals(p.Name, command.Pack, StringComparison.Ordinal));
        if (offer is null)
        {
            return Result.Fail<NotificationPackView>(DomainError.Invalid(
                "unknown_pack", $"pack must be one of {string.Join(", ", options.Value.EffectivePacks.Select(p => p.Name))}."));
        }

        if (command.RequestId is { } requestId && (requestId.Length is 0 or > MaxRequestIdLength || requestId.Any(char.IsControl)))
        {
            return Result.Fail<NotificationPackView>(DomainError.Invalid("invalid_request_id", $"requestId must be 1-{MaxRequestIdLength} printable characters."));
        }

        var packId = Guid.NewGuid();
        var key = $"notification_pack:{account:N}:{command.RequestId ?? packId.ToString("N")}";
        var now = time.GetUtcNow();
        var price = UsdAmount.Parse(offer.PriceUsd).Value;
        var pack = NotificationPack.Buy(packId, account, NotificationChannels.Parse(offer.Channel).Value, offer.Name, offer.Messages, price, key, now);
        if (pack.IsFailed)
        {
            return pack.ToResult<NotificationPackView>();
        }

        return await unitOfWork.InTransactionAsync(async () =>
        {
            var debit = LedgerTransaction.Transfer(LedgerTransactionKind.Purchase, key, now, $"notification pack {offer.Name} ({packId:N})",
                LedgerAccount.Wallet(account), LedgerAccount.Revenue, price).Value;
            var posted = await ledger.PostAsync(debit, cancellationToken);
            if (posted.IsFailed)
            {
                return posted.ToResult<NotificationPackView>();
            }

            if (posted.Value.Id != debit.Id)
            {
                // The same request again: the pack its first run bought is the answer.
                var earlier = await packs.FindByPurchaseKeyAsync(key, cancellationToken)
                    ?? throw new InvalidOperationException($"the wallet debit {key} was booked without its pack");
                return Result.Ok(NotificationPackView.Of(earlier));
            }

            packs.Add(pack.Value);
            await walletLow.AfterDebitAsync(account, posted.Value, cancellationToken);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return Result.Ok(NotificationPackView.Of(pack.Value));
        }, cancellationToken);
    }
}
