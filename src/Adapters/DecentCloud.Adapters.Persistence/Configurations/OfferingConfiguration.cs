using DecentCloud.Domain.Marketplace;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class OfferingConfiguration : IEntityTypeConfiguration<Offering>
{
    /// <summary>The price as mapped: integer nano-USD, so both providers compare and sort it exactly (the domain's field).</summary>
    public const string MonthlyPriceColumn = "_monthlyPriceNanoUsd";

    public void Configure(EntityTypeBuilder<Offering> builder)
    {
        // The database refuses a reservation beyond stock or a release below zero, whatever the code does.
        builder.ToTable("offerings", t =>
        {
            t.HasCheckConstraint("CK_offerings_Reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"Stock\"");
            t.HasCheckConstraint("CK_offerings_Stock", "\"Stock\" >= 1");
        });
        builder.HasKey(o => o.Id);
        builder.Versioned();
        builder.Property(o => o.Name).HasMaxLength(OfferingSpec.MaxNameLength);
        builder.Property(o => o.Region).HasMaxLength(OfferingSpec.MaxRegionLength);
        builder.Property(o => o.Country).HasMaxLength(2);
        builder.Property(o => o.PoolName).HasMaxLength(64);
        builder.Property(o => o.State).HasConversion(v => v.ToWireName(), v => OfferingStates.FromWireName(v)!.Value).HasMaxLength(16);
        builder.Property(o => o.Backend).HasConversion(v => v.ToWireName(), v => BackendTypes.FromWireName(v)!.Value).HasMaxLength(16);
        builder.Ignore(o => o.MonthlyPrice);
        builder.Property<long>(MonthlyPriceColumn).HasColumnName("MonthlyPriceNanoUsd");

        // The public search filters on state and free stock first, then country, backend, resources and price.
        builder.HasIndex(o => o.ProviderId);
        builder.HasIndex(nameof(Offering.State), MonthlyPriceColumn);
        builder.HasIndex(o => new { o.State, o.CreatedAt });
        builder.HasIndex(o => new { o.State, o.Country });
        builder.HasIndex(o => new { o.State, o.Backend });
        builder.HasIndex(o => new { o.State, o.Cores, o.MemoryMb, o.StorageGb });
    }
}
