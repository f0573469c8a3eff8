using DecentCloud.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>Channels are stored by their wire names (<c>email</c>, <c>telegram</c>, <c>sms</c>, <c>in_app</c>), as the API shows them.</summary>
internal sealed class NotificationChannelConverter() : ValueConverter<NotificationChannel, string>(
    c => c.Name(),
    s => NotificationChannels.Parse(s).Value);

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        // A notification is charged once: to the free allowance, or to a pack it names.
        builder.ToTable("notifications", t => t.HasCheckConstraint(
            "CK_notifications_Charge", "(\"ChargedTo\" = 'Paid') = (\"PackId\" IS NOT NULL)"));
        builder.HasKey(n => n.Id);
        builder.Versioned();
        builder.Property(n => n.Channel).HasConversion<NotificationChannelConverter>().HasMaxLength(16);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.ChargedTo).HasConversion<string>().HasMaxLength(8);
        builder.Property(n => n.Address).HasMaxLength(Notification.MaxAddressLength);
        builder.Property(n => n.Subject).HasMaxLength(Notification.MaxSubjectLength);
        builder.Property(n => n.Text).HasMaxLength(Notification.MaxTextLength);
        builder.Property(n => n.IdempotencyKey).HasMaxLength(Notification.MaxKeyLength);
        builder.Property(n => n.Reason).HasMaxLength(Notification.MaxReasonLength);
        builder.Ignore(n => n.NeedsCharge);

        // Once per event and channel, whatever the number of writers.
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();

        // The inbox: an account's delivered in-app notifications by time, and its unread ones.
        builder.HasIndex(n => new { n.AccountId, n.Channel, n.Status, n.CreatedAt });

        // The codes sent to one address lately, whoever asked.
        builder.HasIndex(n => new { n.Address, n.Kind, n.CreatedAt });
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.ToTable("notification_settings");
        builder.HasKey(s => s.AccountId);
        builder.Versioned();
        builder.OwnsMany(s => s.Addresses, a =>
        {
            a.ToTable("notification_addresses", t => t.HasCheckConstraint("CK_notification_addresses_Channel", "\"Channel\" <> 'in_app'"));
            a.WithOwner().HasForeignKey("AccountId");
            a.HasKey("AccountId", nameof(ChannelAddress.Channel));
            a.Property(x => x.Channel).HasConversion<NotificationChannelConverter>().HasMaxLength(16);
            a.Property(x => x.Address).HasMaxLength(Notification.MaxAddressLength);
            a.Property(x => x.CodeHash).HasMaxLength(32);
        });
        builder.Navigation(s => s.Addresses).HasField("_addresses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class NotificationPackConfiguration : IEntityTypeConfiguration<NotificationPack>
{
    public void Configure(EntityTypeBuilder<NotificationPack> builder)
    {
        // The gate's conditional update never takes more than the pack holds; the database refuses it too.
        builder.ToTable("notification_packs", t =>
        {
            t.HasCheckConstraint("CK_notification_packs_Used", "\"Used\" >= 0 AND \"Used\" <= \"Messages\"");
            t.HasCheckConstraint("CK_notification_packs_Messages", "\"Messages\" > 0 AND \"PriceNanoUsd\" > 0");
        });
        builder.HasKey(p => p.Id);
        builder.Versioned();
        builder.Property(p => p.Channel).HasConversion<NotificationChannelConverter>().HasMaxLength(16);
        builder.Property(p => p.Name).HasMaxLength(NotificationPack.MaxNameLength);
        builder.Property(p => p.PurchaseKey).HasMaxLength(256);
        builder.HasIndex(p => p.PurchaseKey).IsUnique();
        builder.HasIndex(p => new { p.AccountId, p.Channel, p.ValidUntil });
    }
}

/// <summary>One account's free messages of one channel on one UTC day (<see cref="DateOnly.DayNumber"/>).</summary>
internal sealed class NotificationUsageRow
{
    public Guid AccountId { get; set; }

    public string Channel { get; set; } = "";

    public int Day { get; set; }

    public int Used { get; set; }

    /// <summary>The allowance the last charge was made against; the CHECK keeps <see cref="Used"/> within it.</summary>
    public int DailyLimit { get; set; }
}

internal sealed class NotificationUsageConfiguration : IEntityTypeConfiguration<NotificationUsageRow>
{
    public void Configure(EntityTypeBuilder<NotificationUsageRow> builder)
    {
        builder.ToTable("notification_usage", t => t.HasCheckConstraint("CK_notification_usage_Used", "\"Used\" >= 0 AND \"Used\" <= \"DailyLimit\""));
        builder.HasKey(u => new { u.AccountId, u.Channel, u.Day });
        builder.Property(u => u.Channel).HasMaxLength(16);
    }
}
