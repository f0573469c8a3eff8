using DecentCloud.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.CredentialKeyHex).HasMaxLength(64);
        builder.Ignore(a => a.ActiveDevices);
        builder.Property<string?>(ClientOrigin.AccountColumn).HasMaxLength(ClientOrigin.MaxLength);
        builder.HasIndex(ClientOrigin.AccountColumn, nameof(Account.CreatedAt));
        builder.OwnsMany(a => a.Devices, d =>
        {
            d.ToTable("account_devices");
            d.WithOwner().HasForeignKey("AccountId");
            d.HasKey(x => x.KeyHex);
            d.Property(x => x.KeyHex).HasMaxLength(64);
            d.Property(x => x.Label).HasMaxLength(Account.MaxLabelLength);
        });
        builder.Navigation(a => a.Devices).HasField("_devices").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Versioned();
    }
}
