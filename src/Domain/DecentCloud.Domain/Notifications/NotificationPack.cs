using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using FluentResults;

namespace DecentCloud.Domain.Notifications;

/// <summary>
/// A paid monthly pack of messages on one channel, bought from the wallet: <see cref="Messages"/> sends usable for one
/// month after purchase, once the free daily allowance is used up. <see cref="Used"/> only ever grows, by the quota
/// gate's conditional update, and never passes <see cref="Messages"/> (a CHECK in the database holds it too).
/// </summary>
public sealed class NotificationPack : AggregateRoot
{
    /// <summary>Longest pack name.</summary>
    public const int MaxNameLength = 64;

    private NotificationPack(Guid id, Guid accountId, NotificationChannel channel, string name, int messages, long priceNanoUsd, string purchaseKey, DateTimeOffset now)
    {
        Id = id;
        PurchaseKey = purchaseKey;
        AccountId = accountId;
        Channel = channel;
        Name = name;
        Messages = messages;
        PriceNanoUsd = priceNanoUsd;
        PurchasedAt = now;
        ValidUntil = now.AddMonths(1);
    }

    /// <summary>The pack's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The account that bought it.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>The channel it pays for.</summary>
    public NotificationChannel Channel { get; private set; }

    /// <summary>The offer's name, e.g. <c>telegram-1000</c>.</summary>
    public string Name { get; private set; }

    /// <summary>Messages it holds.</summary>
    public int Messages { get; private set; }

    /// <summary>Messages used so far.</summary>
    public int Used { get; private set; }

    /// <summary>What it cost, in nano-USD.</summary>
    public long PriceNanoUsd { get; private set; }

    /// <summary>The idempotency key of the wallet debit that paid for it (unique).</summary>
    public string PurchaseKey { get; private set; }

    /// <summary>When it was bought (and starts).</summary>
    public DateTimeOffset PurchasedAt { get; private set; }

    /// <summary>When what is left of it lapses: one calendar month after purchase.</summary>
    public DateTimeOffset ValidUntil { get; private set; }

    /// <summary>A pack bought now; the wallet debit is the caller's, in the same transaction.</summary>
    public static Result<NotificationPack> Buy(Guid id, Guid accountId, NotificationChannel channel, string? name, int messages, UsdAmount price, string purchaseKey, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purchaseKey);
        var errors = new List<IError>();
        if (accountId == Guid.Empty)
        {
            errors.Add(DomainError.Invalid("invalid_account", "account is required."));
        }

        if (channel == NotificationChannel.InApp)
        {
            errors.Add(DomainError.Invalid("invalid_channel", "in_app is unlimited; there are no packs for it."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors.Add(DomainError.Invalid("invalid_pack", $"pack name must be 1-{MaxNameLength} characters."));
        }

        if (messages <= 0)
        {
            errors.Add(DomainError.Invalid("invalid_pack", "a pack holds at least one message."));
        }

        if (price.NanoUsd <= 0)
        {
            errors.Add(DomainError.Invalid("invalid_pack", "a pack has a price."));
        }

        return errors.Count > 0
            ? Result.Fail<NotificationPack>(errors)
            : new NotificationPack(id, accountId, channel, name!, messages, price.NanoUsd, purchaseKey, now);
    }

    /// <summary>Whether it can still pay for a message at <paramref name="now"/>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => now >= PurchasedAt && now < ValidUntil && Used < Messages;

#pragma warning disable CS8618 // for the persistence mapper
    private NotificationPack()
    {
    }
#pragma warning restore CS8618
}
