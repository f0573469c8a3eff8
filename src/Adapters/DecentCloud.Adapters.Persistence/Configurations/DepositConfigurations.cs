using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>
/// Maps the deposits. The unique (ledger, block) index makes the database refuse a ledger block recorded twice, whatever
/// number of scanners; the CHECKs make a credit carry its price and amount, and a sweep its recorded arguments.
/// </summary>
internal sealed class DepositConfiguration : IEntityTypeConfiguration<Deposit>
{
    public void Configure(EntityTypeBuilder<Deposit> builder)
    {
        builder.ToTable("deposits", t =>
        {
            t.HasCheckConstraint("CK_deposits_Block", "\"BlockIndex\" >= 0 AND \"Decimals\" >= 0 AND \"Decimals\" <= 18");
            t.HasCheckConstraint("CK_deposits_Credited",
                "(\"State\" IN ('credited', 'sweep_planned', 'swept')) = (\"CreditedNanoUsd\" IS NOT NULL AND \"CreditedNanoUsd\" > 0 AND \"PriceUsd\" IS NOT NULL AND \"CreditedAt\" IS NOT NULL)");
            t.HasCheckConstraint("CK_deposits_Token", "\"Token\" IS NOT NULL OR \"State\" = 'unknown_token'");
            t.HasCheckConstraint("CK_deposits_Sweep",
                "(\"State\" IN ('sweep_planned', 'swept')) = (\"SweepCreatedAtNanos\" IS NOT NULL AND \"SweepMemo\" IS NOT NULL) AND (\"State\" = 'swept') = (\"SweepBlock\" IS NOT NULL)");
        });
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Ledger).HasMaxLength(Token.MaxLedgerLength);
        builder.Property(d => d.Token).HasMaxLength(Token.MaxSymbolLength);
        builder.Property(d => d.FromAccount).HasMaxLength(Deposit.MaxAccountTextLength);
        builder.Property(d => d.Subaccount).HasMaxLength(DepositSubaccount.Length * 2);
        builder.Property(d => d.PriceUsd).HasPrecision(PriceQuoteConfiguration.Precision, PriceQuoteConfiguration.Scale);
        builder.Property(d => d.SweepMemo).HasMaxLength(32);
        builder.Property(d => d.State).HasConversion(v => v.ToWireName(), v => DepositStates.FromWireName(v)!.Value).HasMaxLength(16);
        builder.Versioned();
        builder.Ignore(d => d.IdempotencyKey);
        builder.HasIndex(d => new { d.Ledger, d.BlockIndex }).IsUnique();
        builder.HasIndex(d => new { d.Ledger, d.State });
        builder.HasIndex(d => new { d.State, d.DetectedAt });
        builder.HasIndex(d => d.AccountId);
    }
}

/// <summary>Maps the scan cursors: one row per ledger, the row the scanners lock.</summary>
internal sealed class DepositCursorConfiguration : IEntityTypeConfiguration<DepositCursor>
{
    public void Configure(EntityTypeBuilder<DepositCursor> builder)
    {
        builder.ToTable("deposit_cursors", t => t.HasCheckConstraint("CK_deposit_cursors_NextBlock", "\"NextBlock\" >= 0"));
        builder.HasKey(c => c.Ledger);
        builder.Property(c => c.Ledger).HasMaxLength(Token.MaxLedgerLength);
        builder.Versioned();
    }
}

/// <summary>Maps the deposit addresses shown: one per account, one account per subaccount.</summary>
internal sealed class DepositAddressConfiguration : IEntityTypeConfiguration<DepositAddress>
{
    public void Configure(EntityTypeBuilder<DepositAddress> builder)
    {
        builder.ToTable("deposit_addresses");
        builder.HasKey(a => a.Subaccount);
        builder.Property(a => a.Subaccount).HasMaxLength(DepositSubaccount.Length * 2);
        builder.HasIndex(a => a.AccountId).IsUnique();
    }
}
