using DecentCloud.Domain.Money.Books;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>Maps the books' transactions: one row per idempotency key, enforced by a unique index.</summary>
internal sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransactionRow>
{
    public void Configure(EntityTypeBuilder<LedgerTransactionRow> builder)
    {
        builder.ToTable("ledger_transactions");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasMaxLength(LedgerTransactionKinds.MaxLength);
        builder.Property(t => t.IdempotencyKey).HasMaxLength(LedgerTransaction.MaxKeyLength);
        builder.Property(t => t.Memo).HasMaxLength(LedgerTransaction.MaxMemoLength);
        builder.HasIndex(t => t.IdempotencyKey).IsUnique();
        builder.HasIndex(t => t.At);
    }
}

/// <summary>
/// Maps the postings: one per account and transaction; each points at its transaction and at the account's balance
/// row, so a posting without either cannot exist.
/// </summary>
internal sealed class LedgerPostingConfiguration : IEntityTypeConfiguration<LedgerPostingRow>
{
    public void Configure(EntityTypeBuilder<LedgerPostingRow> builder)
    {
        builder.ToTable("ledger_postings");
        builder.HasKey(p => new { p.TransactionId, p.Account });
        builder.Property(p => p.Account).HasMaxLength(LedgerAccount.MaxLength);
        builder.HasOne<LedgerTransactionRow>().WithMany().HasForeignKey(p => p.TransactionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerBalanceRow>().WithMany().HasForeignKey(p => p.Account).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.Account);
    }
}

/// <summary>
/// Maps the balances. The CHECK makes the database itself refuse a wallet (or escrow, payable, revenue) below zero,
/// whatever code or hand-written SQL tries it.
/// </summary>
internal sealed class LedgerBalanceConfiguration : IEntityTypeConfiguration<LedgerBalanceRow>
{
    public const string NonNegativeCheck = "CK_ledger_balances_NonNegative";

    public void Configure(EntityTypeBuilder<LedgerBalanceRow> builder)
    {
        builder.ToTable("ledger_balances", t => t.HasCheckConstraint(NonNegativeCheck, "NOT \"NonNegative\" OR \"Balance\" >= 0"));
        builder.HasKey(b => b.Account);
        builder.Property(b => b.Account).HasMaxLength(LedgerAccount.MaxLength);
        builder.Property(b => b.Version).IsConcurrencyToken();
    }
}
