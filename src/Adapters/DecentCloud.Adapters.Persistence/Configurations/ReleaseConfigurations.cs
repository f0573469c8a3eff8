using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>
/// Maps the rentals' escrows. The CHECKs make the database itself refuse releases plus refunds above what was paid,
/// whatever code or hand-written SQL tries it; the row version stops a settlement and a release job overwriting each other.
/// </summary>
internal sealed class RentalEscrowConfiguration : IEntityTypeConfiguration<RentalEscrow>
{
    public const string AmountsCheck = "CK_rental_escrows_Amounts";

    public void Configure(EntityTypeBuilder<RentalEscrow> builder)
    {
        builder.ToTable("rental_escrows", t =>
        {
            t.HasCheckConstraint(AmountsCheck,
                "\"PaidNanoUsd\" > 0 AND \"ReleasedNanoUsd\" >= 0 AND \"RefundedNanoUsd\" >= 0 AND \"ReleasedNanoUsd\" + \"RefundedNanoUsd\" <= \"PaidNanoUsd\"");
            t.HasCheckConstraint("CK_rental_escrows_Period", "\"EndsAt\" > \"StartsAt\" AND \"ReleasedUntil\" >= \"StartsAt\" AND \"ReleasedUntil\" <= \"EndsAt\"");
        });
        builder.HasKey(e => e.ContractId);
        builder.Versioned();
        builder.Property(e => e.Start).HasColumnName("StartsAt");
        builder.Property(e => e.End).HasColumnName("EndsAt");
        builder.HasIndex(e => e.ProviderId);
        builder.HasIndex(e => e.ReleasedUntil);
    }
}

/// <summary>
/// Maps the release and refund rows. The unique (contract, period start) index is what makes the database refuse a
/// period released twice; the CHECKs keep net = gross − fee and make <c>paid_out</c> exactly the rows with a payout.
/// </summary>
internal sealed class PaymentReleaseConfiguration : IEntityTypeConfiguration<PaymentRelease>
{
    public const string AmountsCheck = "CK_payment_releases_Amounts";
    public const string PaidOutCheck = "CK_payment_releases_PaidOut";

    /// <summary>
    /// The open automated payout that holds a released row (a shadow column: the domain row does not need it). One column
    /// holds one payout at most, so no release is in two open payouts. (No CHECK ties it to the state: adding one to this
    /// existing table is a table rebuild on SQLite, which cannot run in the migration's transaction; the stores only
    /// reserve released rows and clear the reservation when a payout settles.)
    /// </summary>
    public const string ReservedPayoutId = "ReservedPayoutId";

    public void Configure(EntityTypeBuilder<PaymentRelease> builder)
    {
        builder.ToTable("payment_releases", t =>
        {
            t.HasCheckConstraint(AmountsCheck, "\"GrossNanoUsd\" > 0 AND \"FeeNanoUsd\" >= 0 AND \"NetNanoUsd\" = \"GrossNanoUsd\" - \"FeeNanoUsd\"");
            t.HasCheckConstraint(PaidOutCheck, "(\"State\" = 'paid_out') = (\"PayoutId\" IS NOT NULL)");
            t.HasCheckConstraint("CK_payment_releases_Period", "\"PeriodEnd\" >= \"PeriodStart\"");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion(v => v.ToWireName(), v => PaymentReleaseKinds.KindFromWireName(v)!.Value).HasMaxLength(16);
        builder.Property(r => r.State).HasConversion(v => v.ToWireName(), v => PaymentReleaseKinds.StateFromWireName(v)!.Value).HasMaxLength(16);
        builder.HasIndex(r => new { r.ContractId, r.PeriodStart }).IsUnique();
        builder.HasIndex(r => new { r.ProviderId, r.State });
        builder.HasIndex(r => r.PayoutId);
        builder.Property<Guid?>(ReservedPayoutId);
        builder.HasIndex(ReservedPayoutId);
    }
}

/// <summary>Maps the payouts: one per payment reference and rail, enforced by a unique index.</summary>
internal sealed class PayoutConfiguration : IEntityTypeConfiguration<Payout>
{
    public void Configure(EntityTypeBuilder<Payout> builder)
    {
        builder.ToTable("payouts", t => t.HasCheckConstraint("CK_payouts_Amount", "\"AmountNanoUsd\" > 0"));
        builder.HasKey(p => p.Id);
        builder.Property(p => p.WalletAddress).HasMaxLength(Payout.MaxTextLength);
        builder.Property(p => p.ExternalReference).HasMaxLength(Payout.MaxTextLength);
        builder.Property(p => p.Rail).HasMaxLength(32);
        builder.Property(p => p.Actor).HasMaxLength(Payout.MaxActorLength);
        builder.HasIndex(p => new { p.Rail, p.ExternalReference }).IsUnique();
        builder.HasIndex(p => new { p.ProviderId, p.At });
    }
}
