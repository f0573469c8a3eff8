using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Prices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>
/// Maps the source attempts. The CHECKs make the database refuse a non-positive price and a "used" attempt without a
/// price or with a reason, whatever writes the row.
/// </summary>
internal sealed class PriceQuoteConfiguration : IEntityTypeConfiguration<PriceQuoteRow>
{
    /// <summary>USD prices: 16 integer and 12 fraction digits (a DC price may be a fraction of a cent).</summary>
    public const int Precision = 28;

    /// <summary>Fraction digits kept of a USD price.</summary>
    public const int Scale = 12;

    public void Configure(EntityTypeBuilder<PriceQuoteRow> builder)
    {
        // SQLite keeps a decimal as text ("0.0" > 0 holds as text), so the CHECKs compare the number.
        builder.ToTable("price_quotes", t =>
        {
            t.HasCheckConstraint("CK_price_quotes_Price", "\"PriceUsd\" IS NULL OR CAST(\"PriceUsd\" AS REAL) > 0");
            t.HasCheckConstraint("CK_price_quotes_Used", "NOT \"Used\" OR (\"PriceUsd\" IS NOT NULL AND \"Reason\" IS NULL)");
        });
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Token).HasMaxLength(Token.MaxSymbolLength);
        builder.Property(q => q.Source).HasMaxLength(PriceQuote.MaxSourceLength);
        builder.Property(q => q.PriceUsd).HasPrecision(Precision, Scale);
        builder.Property(q => q.Reason).HasMaxLength(SourceAttempt.MaxReasonLength);
        builder.HasIndex(q => new { q.Token, q.RoundAt });
        builder.HasIndex(q => q.RoundId);
    }
}

/// <summary>Maps the chosen prices; the (token, chosen at) index finds the current price.</summary>
internal sealed class ChosenPriceConfiguration : IEntityTypeConfiguration<ChosenPriceRow>
{
    public void Configure(EntityTypeBuilder<ChosenPriceRow> builder)
    {
        builder.ToTable("chosen_prices", t =>
            t.HasCheckConstraint("CK_chosen_prices_Price", "CAST(\"PriceUsd\" AS REAL) > 0 AND \"SourceCount\" >= 1"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Token).HasMaxLength(Token.MaxSymbolLength);
        builder.Property(p => p.PriceUsd).HasPrecision(PriceQuoteConfiguration.Precision, PriceQuoteConfiguration.Scale);
        builder.HasIndex(p => new { p.Token, p.ChosenAt });
    }
}
