using DecentCloud.Domain.Money.Payouts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>
/// Maps the automated payouts. The database itself holds the payout rules, whatever code writes the row: at most one
/// open (planned or submitted) payout per provider and one payout per ledger block (partial unique indexes), confirmed
/// exactly when a block is recorded and failed exactly when a reason is, non-negative amounts with amount + fee = gross
/// (or amount = gross with the fee on top), and a memo of at most 32 bytes.
/// </summary>
internal sealed class AutomatedPayoutConfiguration : IEntityTypeConfiguration<AutomatedPayout>
{
    public const string Table = "automated_payouts";

    /// <summary>The filter of the open payouts (the partial unique index on the provider).</summary>
    public const string OpenFilter = "\"State\" IN ('planned', 'submitted')";

    public const string OneOpenPerProviderIndex = "IX_automated_payouts_ProviderId_Open";

    public const string OneBlockIndex = "IX_automated_payouts_Ledger_Block";

    public void Configure(EntityTypeBuilder<AutomatedPayout> builder)
    {
        builder.ToTable(Table, t =>
        {
            t.HasCheckConstraint("CK_automated_payouts_State", "\"State\" IN ('planned', 'submitted', 'confirmed', 'failed')");
            t.HasCheckConstraint("CK_automated_payouts_Confirmed", "(\"State\" = 'confirmed') = (\"BlockIndex\" IS NOT NULL)");
            t.HasCheckConstraint("CK_automated_payouts_Failed", "(\"State\" = 'failed') = (\"FailureReason\" IS NOT NULL)");
            t.HasCheckConstraint("CK_automated_payouts_Amounts",
                "\"AmountNanoUsd\" > 0 AND \"GrossBaseUnits\" >= 0 AND \"AmountBaseUnits\" > 0 AND \"FeeBaseUnits\" >= 0 AND " +
                "((\"FeeOnTop\" AND \"AmountBaseUnits\" = \"GrossBaseUnits\") OR (NOT \"FeeOnTop\" AND \"AmountBaseUnits\" + \"FeeBaseUnits\" = \"GrossBaseUnits\"))");
            // Hex: two characters a byte, so 64 characters are ICRC-1's 32 bytes.
            t.HasCheckConstraint("CK_automated_payouts_Memo", "length(\"MemoHex\") BETWEEN 2 AND 64 AND length(\"MemoHex\") % 2 = 0");
            t.HasCheckConstraint("CK_automated_payouts_Transfer",
                "\"Attempt\" BETWEEN 1 AND 255 AND \"Decimals\" BETWEEN 0 AND 18 AND \"CreatedAtTimeNanos\" >= 0 AND " +
                "(\"BlockIndex\" IS NULL OR \"BlockIndex\" >= 0) AND CAST(\"PriceUsd\" AS REAL) > 0");
        });
        builder.HasKey(p => p.Id);
        builder.Versioned();
        builder.Property(p => p.State).HasConversion(v => v.ToWireName(), v => AutomatedPayoutStates.FromWireName(v)!.Value).HasMaxLength(16);
        builder.Property(p => p.Token).HasMaxLength(Domain.Money.Token.MaxSymbolLength);
        builder.Property(p => p.LedgerCanisterId).HasMaxLength(64);
        builder.Property(p => p.ToAccount).HasMaxLength(AutomatedPayout.MaxAccountLength);
        builder.Property(p => p.MemoHex).HasMaxLength(PayoutMemo.MaxBytes * 2);
        builder.Property(p => p.FailureReason).HasMaxLength(AutomatedPayout.MaxReasonLength);
        builder.Property(p => p.PriceUsd).HasPrecision(PriceQuoteConfiguration.Precision, PriceQuoteConfiguration.Scale);
        builder.Ignore(p => p.ReleaseIds);
        builder.HasIndex(p => p.ProviderId).IsUnique().HasFilter(OpenFilter).HasDatabaseName(OneOpenPerProviderIndex);
        builder.HasIndex(p => new { p.LedgerCanisterId, p.BlockIndex }).IsUnique().HasFilter("\"BlockIndex\" IS NOT NULL").HasDatabaseName(OneBlockIndex);
        builder.HasIndex(p => new { p.State, p.Token, p.PlannedAt });
        builder.HasIndex(p => p.PlannedAt);
    }
}
