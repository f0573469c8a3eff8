namespace DecentCloud.Api.Client;

/// <summary><c>GET /api/v1/accounts/me/notification-settings</c>: where the signer hears from the platform.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Channels"><c>email</c>, <c>telegram</c> and <c>sms</c> (in-app is always on and needs no address).</param>
public sealed record NotificationSettingsDetails(Guid AccountId, IReadOnlyList<ChannelSettingsDetails> Channels);

/// <summary>One channel's settings.</summary>
/// <param name="Channel"><c>email</c>, <c>telegram</c> or <c>sms</c>.</param>
/// <param name="Address">The email address, Telegram chat id or E.164 phone number; <c>null</c> when not set.</param>
/// <param name="Enabled">Whether notifications go there once verified.</param>
/// <param name="Verified">Whether the address is proven by its code.</param>
/// <param name="VerificationPending">Whether a code was sent there and still works.</param>
public sealed record ChannelSettingsDetails(string Channel, string? Address, bool Enabled, bool Verified, bool VerificationPending);

/// <summary><c>PUT /api/v1/accounts/me/notification-settings/{channel}</c>: the address, and whether it is on (default on).</summary>
/// <param name="Address">The email address, Telegram chat id or E.164 phone number.</param>
/// <param name="Enabled">Whether notifications go there once verified.</param>
public sealed record ChannelAddressUpdate(string Address, bool? Enabled = null);

/// <summary><c>POST /api/v1/accounts/me/notification-settings/{channel}/verify</c>: the code sent to the address.</summary>
/// <param name="Code">The six digits.</param>
public sealed record AddressVerificationCode(string Code);

/// <summary><c>GET /api/v1/accounts/me/notifications</c>: a page of the in-app inbox.</summary>
/// <param name="Unread">Unread notifications in the whole inbox.</param>
/// <param name="Items">This page, newest first.</param>
public sealed record InboxDetails(int Unread, IReadOnlyList<InboxItemDetails> Items);

/// <summary>One in-app notification.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">e.g. <c>rental_requested</c>, <c>sla_breached</c>, <c>contract_provisioned</c>, <c>password_reset_done</c>, <c>contract_ending_soon</c>, <c>payout_sent</c>, <c>wallet_low</c>.</param>
/// <param name="Subject">One line.</param>
/// <param name="Text">The body.</param>
/// <param name="At">When it arrived.</param>
/// <param name="ReadAt">When it was read, or <c>null</c>.</param>
public sealed record InboxItemDetails(Guid Id, string Kind, string Subject, string Text, DateTimeOffset At, DateTimeOffset? ReadAt);

/// <summary>The answer of <c>POST /api/v1/accounts/me/notifications/{id}/read</c>.</summary>
/// <param name="Unread">Unread notifications left.</param>
public sealed record InboxUnread(int Unread);

/// <summary><c>GET /api/v1/accounts/me/notification-usage</c>: per channel, today's free use and the valid paid packs' use.</summary>
/// <param name="Day">The UTC day of the free figures (yyyy-MM-dd).</param>
/// <param name="Channels">One entry per channel.</param>
/// <param name="Packs">The signer's packs still valid.</param>
/// <param name="OnSale">The packs that can be bought.</param>
public sealed record NotificationUsageDetails(string Day, IReadOnlyList<ChannelUsageDetails> Channels, IReadOnlyList<NotificationPackDetails> Packs, IReadOnlyList<NotificationPackOfferDetails> OnSale);

/// <summary>One channel's usage.</summary>
/// <param name="Channel"><c>email</c>, <c>telegram</c>, <c>sms</c> or <c>in_app</c>.</param>
/// <param name="Free">The free daily allowance.</param>
/// <param name="Paid">The valid paid packs.</param>
public sealed record ChannelUsageDetails(string Channel, QuotaFigures Free, QuotaFigures Paid);

/// <summary>Used against a limit.</summary>
/// <param name="Used">Messages used.</param>
/// <param name="Limit">Messages allowed; <c>null</c> is unlimited.</param>
public sealed record QuotaFigures(long Used, long? Limit);

/// <summary>A bought pack.</summary>
/// <param name="Id">The pack.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="Name">The offer bought.</param>
/// <param name="Messages">Messages it holds.</param>
/// <param name="Used">Messages used.</param>
/// <param name="PriceUsd">What it cost, decimal USD text.</param>
/// <param name="PurchasedAt">When it was bought.</param>
/// <param name="ValidUntil">When what is left lapses (one month after purchase).</param>
public sealed record NotificationPackDetails(Guid Id, string Channel, string Name, int Messages, int Used, string PriceUsd, DateTimeOffset PurchasedAt, DateTimeOffset ValidUntil);

/// <summary>A pack on sale.</summary>
/// <param name="Channel">Its channel.</param>
/// <param name="Name">What to ask for.</param>
/// <param name="Messages">Messages it holds.</param>
/// <param name="PriceUsd">Its price, decimal USD text.</param>
public sealed record NotificationPackOfferDetails(string Channel, string Name, int Messages, string PriceUsd);

/// <summary><c>POST /api/v1/accounts/me/notification-packs</c>: which pack; <paramref name="RequestId"/> makes a retry buy once.</summary>
/// <param name="Pack">An offer's name, e.g. <c>telegram-1000</c>.</param>
/// <param name="RequestId">Any id of the caller's (1-64 characters); the same id again returns the same pack.</param>
public sealed record NotificationPackPurchase(string Pack, string? RequestId = null);
