using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ProviderProfileConfiguration : IEntityTypeConfiguration<ProviderProfile>
{
    public void Configure(EntityTypeBuilder<ProviderProfile> builder)
    {
        builder.ToTable("provider_profiles");
        builder.HasKey(p => p.AccountId);
        builder.Versioned();
        builder.Ignore(p => p.ProviderId);
        builder.Property(p => p.Name).HasMaxLength(ProviderProfile.MaxNameLength);
        builder.Property(p => p.Description).HasMaxLength(ProviderProfile.MaxDescriptionLength);
        builder.Property(p => p.Country).HasMaxLength(2);
        builder.Property(p => p.ContactEmail).HasMaxLength(254);
        builder.Property(p => p.ContactWebsite).HasMaxLength(512);
        builder.Property(p => p.ContactTelegram).HasMaxLength(32);
        builder.Property(p => p.PayoutAccount).HasMaxLength(PayoutAddress.MaxLength);
        builder.Property(p => p.PayoutToken).HasMaxLength(16);
        builder.HasOne<Domain.Accounts.Account>().WithOne().HasForeignKey<ProviderProfile>(p => p.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
