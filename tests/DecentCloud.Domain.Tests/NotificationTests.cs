using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Notifications;

namespace DecentCloud.Domain.Tests;

/// <summary>Notifications as the domain states them: addresses, verification, the charge-then-deliver life, packs.</summary>
public class NotificationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Account = Guid.Parse("0b6c2a52-5e8c-4ad4-9a3e-6f1d3f0c1a11");
    private static readonly byte[] Right = [1, 2, 3, 4];
    private static readonly byte[] Wrong = [9, 9, 9, 9];

    [Theory]
    [InlineData(NotificationChannel.Email, "ops@example.com", true)]
    [InlineData(NotificationChannel.Email, "  ops@example.com ", true)]
    [InlineData(NotificationChannel.Email, "Ops <ops@example.com>", false)]
    [InlineData(NotificationChannel.Email, "ops@localhost", false)]
    [InlineData(NotificationChannel.Email, "ops@example.com\r\nBcc: x@example.com", false)]
    [InlineData(NotificationChannel.Email, "two@example.com, three@example.com", false)]
    [InlineData(NotificationChannel.Telegram, "123456789", true)]
    [InlineData(NotificationChannel.Telegram, "-1001234567890", true)]
    [InlineData(NotificationChannel.Telegram, "@decent_alerts", true)]
    [InlineData(NotificationChannel.Telegram, "0", false)]
    [InlineData(NotificationChannel.Telegram, "12 34", false)]
    [InlineData(NotificationChannel.Sms, "+41791234567", true)]
    [InlineData(NotificationChannel.Sms, "0791234567", false)]
    [InlineData(NotificationChannel.Sms, "+4179123456789012", false)]
    [InlineData(NotificationChannel.InApp, "anything", false)]
    public void An_address_is_accepted_only_in_its_channels_form(NotificationChannel channel, string address, bool valid)
    {
        var checkedAddress = NotificationAddress.Check(channel, address);
        Assert.Equal(valid, checkedAddress.IsSuccess);
        if (valid)
        {
            Assert.Equal(address.Trim(), checkedAddress.Value);
        }
        else
        {
            Assert.Equal("invalid_address", Assert.IsType<DomainError>(checkedAddress.Errors.Single()).Code);
        }
    }

    [Fact]
    public void Only_an_enabled_verified_address_receives_and_in_app_always_does()
    {
        var settings = NotificationSettings.For(Account, T0);
        Assert.Equal([(NotificationChannel.InApp, (string?)null)], settings.Recipients());

        Assert.True(settings.SetAddress(NotificationChannel.Sms, "+41791234567", enabled: true, T0).Value);
        Assert.Single(settings.Recipients());
        Assert.True(settings.StartVerification(NotificationChannel.Sms, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0).IsSuccess);
        Assert.True(settings.Verify(NotificationChannel.Sms, Right, T0.AddMinutes(1)).IsSuccess);
        Assert.Equal([(NotificationChannel.InApp, null), (NotificationChannel.Sms, "+41791234567")], settings.Recipients());

        // Switched off: kept verified, not used; the same address again keeps its verification.
        Assert.False(settings.SetAddress(NotificationChannel.Sms, "+41791234567", enabled: false, T0).Value);
        Assert.Single(settings.Recipients());
        Assert.NotNull(settings.Find(NotificationChannel.Sms)!.VerifiedAt);

        // A new address must be proven again.
        Assert.True(settings.SetAddress(NotificationChannel.Sms, "+41790000000", enabled: true, T0).Value);
        Assert.Null(settings.Find(NotificationChannel.Sms)!.VerifiedAt);
        Assert.Single(settings.Recipients());
        Assert.Equal("in_app_always_on", Assert.IsType<DomainError>(settings.SetAddress(NotificationChannel.InApp, null, true, T0).Errors.Single()).Code);
    }

    [Fact]
    public void A_code_works_within_its_lifetime_and_attempts_and_a_new_one_waits_for_the_resend_interval()
    {
        var settings = NotificationSettings.For(Account, T0);
        settings.SetAddress(NotificationChannel.Email, "ops@example.com", enabled: true, T0);
        Assert.Equal("no_pending_code", Code(settings.Verify(NotificationChannel.Email, Right, T0)));
        Assert.True(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0).IsSuccess);
        Assert.Equal("verification_too_soon", Code(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0.AddSeconds(59)).ToResult()));

        for (var i = 0; i < NotificationSettings.MaxCodeAttempts; i++)
        {
            Assert.Equal("wrong_code", Code(settings.Verify(NotificationChannel.Email, Wrong, T0.AddMinutes(1))));
        }

        // Spent: even the right code no longer works until a new one is sent.
        Assert.Equal("too_many_attempts", Code(settings.Verify(NotificationChannel.Email, Right, T0.AddMinutes(2))));
        Assert.True(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(18), TimeSpan.FromMinutes(1), T0.AddMinutes(3)).IsSuccess);
        Assert.Equal("no_pending_code", Code(settings.Verify(NotificationChannel.Email, Right, T0.AddMinutes(18))));
        Assert.True(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(40), TimeSpan.FromMinutes(1), T0.AddMinutes(20)).IsSuccess);
        Assert.True(settings.Verify(NotificationChannel.Email, Right, T0.AddMinutes(21)).IsSuccess);
        Assert.Equal("already_verified", Code(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(60), TimeSpan.Zero, T0.AddMinutes(30)).ToResult()));
    }

    [Fact]
    public void Codes_are_spaced_per_account_so_removing_and_setting_an_address_again_does_not_skip_the_wait()
    {
        var settings = NotificationSettings.For(Account, T0);
        settings.SetAddress(NotificationChannel.Sms, "+41791234567", enabled: true, T0);
        settings.SetAddress(NotificationChannel.Email, "ops@example.com", enabled: true, T0);
        Assert.True(settings.StartVerification(NotificationChannel.Sms, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0).IsSuccess);
        Assert.Equal("verification_too_soon", Code(settings.StartVerification(NotificationChannel.Email, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0.AddSeconds(10)).ToResult()));

        Assert.True(settings.RemoveAddress(NotificationChannel.Sms, T0.AddSeconds(20)).IsSuccess);
        settings.SetAddress(NotificationChannel.Sms, "+41791234567", enabled: true, T0.AddSeconds(21));
        Assert.Equal("verification_too_soon", Code(settings.StartVerification(NotificationChannel.Sms, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0.AddSeconds(30)).ToResult()));
        Assert.True(settings.StartVerification(NotificationChannel.Sms, Right, T0.AddMinutes(15), TimeSpan.FromMinutes(1), T0.AddSeconds(60)).IsSuccess);
    }

    [Fact]
    public void A_notification_is_charged_once_then_delivered_failed_or_refused_and_a_code_is_not_kept()
    {
        var email = Pending(NotificationChannel.Email, NotificationKind.AddressVerification, "ops@example.com");
        Assert.Throws<InvalidOperationException>(() => email.Deliver(T0));
        email.Charge(QuotaDecision.Paid(Guid.NewGuid()), T0);
        Assert.Equal((NotificationStatus.Pending, QuotaSource.Paid), (email.Status, email.ChargedTo));
        Assert.Throws<InvalidOperationException>(() => email.Charge(QuotaDecision.Free, T0));
        email.NoteFailedAttempt("connection refused");
        email.Deliver(T0.AddMinutes(1));
        Assert.Equal((NotificationStatus.Delivered, 1, Notification.RedactedText, (string?)null), (email.Status, email.Attempts, email.Text, email.Reason));

        var refused = Pending(NotificationChannel.Sms, NotificationKind.AddressVerification, "+41791234567");
        refused.Charge(QuotaDecision.Refused("quota exhausted"), T0);
        Assert.Equal((NotificationStatus.Refused, (QuotaSource?)null, "quota exhausted", Notification.RedactedText), (refused.Status, refused.ChargedTo, refused.Reason, refused.Text));
        Assert.Throws<InvalidOperationException>(() => refused.Fail("late", T0));

        var uncharged = Pending(NotificationChannel.Email, NotificationKind.WalletLow, "ops@example.com");
        Assert.False(uncharged.Fail("email is not configured", T0));
        Assert.Null(uncharged.RefundedAt);
        var charged = Pending(NotificationChannel.Email, NotificationKind.WalletLow, "ops@example.com");
        charged.Charge(QuotaDecision.Free, T0);
        Assert.True(charged.Fail("550 mailbox unavailable", T0.AddMinutes(1)));
        Assert.Equal((NotificationStatus.Failed, T0.AddMinutes(1)), (charged.Status, charged.RefundedAt));

        var inApp = Pending(NotificationChannel.InApp, NotificationKind.WalletLow, null);
        inApp.Charge(QuotaDecision.Free, T0);
        Assert.Equal(NotificationStatus.Delivered, inApp.Status);
        Assert.True(inApp.MarkRead(T0.AddHours(1)).IsSuccess);
        Assert.True(inApp.MarkRead(T0.AddHours(2)).IsSuccess);
        Assert.Equal(T0.AddHours(1), inApp.ReadAt);
        Assert.Equal("notification_not_found", Code(email.MarkRead(T0)));
    }

    [Fact]
    public void A_notification_reports_every_bad_field()
    {
        var bad = Notification.Create(Guid.NewGuid(), Guid.Empty, NotificationChannel.InApp, NotificationKind.WalletLow, "someone", "", new string('x', Notification.MaxTextLength + 1), "", T0);
        Assert.Equal(["invalid_account", "invalid_address", "invalid_subject", "invalid_text", "invalid_idempotency_key"], bad.Errors.Select(e => ((DomainError)e).Code));
    }

    [Fact]
    public void A_pack_lasts_one_calendar_month_and_needs_a_channel_with_a_quota_a_name_and_a_price()
    {
        var pack = NotificationPack.Buy(Guid.NewGuid(), Account, NotificationChannel.Telegram, "telegram-1000", 1000, UsdAmount.FromWholeUsd(1).Value, "k", new DateTimeOffset(2026, 1, 31, 10, 0, 0, TimeSpan.Zero)).Value;
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 10, 0, 0, TimeSpan.Zero), pack.ValidUntil);
        Assert.True(pack.IsUsableAt(pack.ValidUntil.AddTicks(-1)));
        Assert.False(pack.IsUsableAt(pack.ValidUntil));

        var bad = NotificationPack.Buy(Guid.NewGuid(), Account, NotificationChannel.InApp, "", 0, UsdAmount.Zero, "k", T0);
        Assert.Equal(["invalid_channel", "invalid_pack", "invalid_pack", "invalid_pack"], bad.Errors.Select(e => ((DomainError)e).Code));
    }

    private static Notification Pending(NotificationChannel channel, NotificationKind kind, string? address) =>
        Notification.Create(Guid.NewGuid(), Account, channel, kind, address, "subject", "code 123456", $"k:{Guid.NewGuid()}", T0).Value;

    private static string Code(FluentResults.Result result) => Assert.IsType<DomainError>(result.Errors.Single()).Code;
}
