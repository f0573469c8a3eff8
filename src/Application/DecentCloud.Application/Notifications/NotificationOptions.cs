using System.ComponentModel.DataAnnotations;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Application.Notifications;

/// <summary>Quotas, packs and address verification of notifications (section <c>Notifications</c>).</summary>
public sealed class NotificationOptions
{
    /// <summary>Free emails per account and UTC day.</summary>
    [Range(0, 1_000_000, ErrorMessage = "{0} must be 0-1000000.")]
    public int FreeDailyEmail { get; set; } = 200;

    /// <summary>Free Telegram messages per account and UTC day.</summary>
    [Range(0, 1_000_000, ErrorMessage = "{0} must be 0-1000000.")]
    public int FreeDailyTelegram { get; set; } = 50;

    /// <summary>Free text messages per account and UTC day.</summary>
    [Range(0, 1_000_000, ErrorMessage = "{0} must be 0-1000000.")]
    public int FreeDailySms { get; set; } = 5;

    /// <summary>How long a verification code works.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "{0} must be 1 minute to 1 day (hh:mm:ss).")]
    public TimeSpan VerificationCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Shortest wait between two verification codes for the same address.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "{0} must be 0 to 1 hour (hh:mm:ss).")]
    public TimeSpan VerificationResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Verification codes one address may receive in 24 hours, from all accounts together (so nobody can flood an address or a phone with codes).</summary>
    [Range(1, 100, ErrorMessage = "{0} must be 1-100.")]
    public int MaxCodesPerAddressPerDay { get; set; } = 3;

    /// <summary>Attempts of a notification whose channel keeps failing before it fails for good (and its charge is given back).</summary>
    [Range(1, 1000, ErrorMessage = "{0} must be 1-1000.")]
    public int MaxAttempts { get; set; } = 24;

    /// <summary>The paid monthly packs on sale; empty means <see cref="DefaultPacks"/>.</summary>
    public List<NotificationPackOffer> Packs { get; set; } = [];

    /// <summary>The packs on sale when none are configured.</summary>
    public static IReadOnlyList<NotificationPackOffer> DefaultPacks { get; } =
    [
        new() { Channel = "email", Name = "email-5000", Messages = 5000, PriceUsd = "2.00" },
        new() { Channel = "telegram", Name = "telegram-1000", Messages = 1000, PriceUsd = "1.00" },
        new() { Channel = "telegram", Name = "telegram-10000", Messages = 10000, PriceUsd = "8.00" },
        new() { Channel = "sms", Name = "sms-100", Messages = 100, PriceUsd = "9.00" },
    ];

    /// <summary>The packs on sale.</summary>
    public IReadOnlyList<NotificationPackOffer> EffectivePacks => Packs.Count > 0 ? Packs : DefaultPacks;

    /// <summary>The free daily allowance of <paramref name="channel"/>; <c>null</c> is unlimited (in-app).</summary>
    public int? FreeDailyLimit(NotificationChannel channel) => channel switch
    {
        NotificationChannel.Email => FreeDailyEmail,
        NotificationChannel.Telegram => FreeDailyTelegram,
        NotificationChannel.Sms => FreeDailySms,
        _ => null,
    };
}

/// <summary>One pack on sale (<c>Notifications:Packs:N:*</c>).</summary>
public sealed class NotificationPackOffer
{
    /// <summary><c>email</c>, <c>telegram</c> or <c>sms</c>.</summary>
    public string Channel { get; set; } = "";

    /// <summary>The name a buyer asks for, unique among the packs.</summary>
    public string Name { get; set; } = "";

    /// <summary>Messages in the pack.</summary>
    public int Messages { get; set; }

    /// <summary>Its price in USD, e.g. <c>1.00</c>.</summary>
    public string PriceUsd { get; set; } = "";
}
