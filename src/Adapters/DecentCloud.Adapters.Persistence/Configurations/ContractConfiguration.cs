using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts");
        builder.HasKey(c => c.Id);
        builder.Ignore(c => c.IsPaymentSettled);
        builder.Ignore(c => c.ProviderResponseTime);
        builder.HasIndex(c => new { c.State, c.StateSince });
        builder.Property<string?>(ClientOrigin.ContractColumn).HasMaxLength(ClientOrigin.MaxLength);
        builder.HasIndex(ClientOrigin.ContractColumn, nameof(Contract.CreatedAt));
        builder.ComplexProperty(c => c.Terms, t =>
        {
            t.Ignore(x => x.IsFree);
            t.Property(x => x.PoolName).HasMaxLength(64);
            t.Property(x => x.OfferingId).HasMaxLength(128);
            t.Property(x => x.SshPublicKey).HasMaxLength(16384);
            t.Property(x => x.InstanceConfig).HasMaxLength(ContractTerms.MaxInstanceConfigLength);
            t.Property(x => x.PostProvisionScript).HasMaxLength(ContractTerms.MaxScriptLength);
            t.ComplexProperty(x => x.Price, price =>
            {
                // The amount's column type is per provider (a BigInteger convention in the context).
                price.Property(p => p.BaseUnits).HasColumnName("Terms_PriceAmount");
                price.ComplexProperty(p => p.Token, token =>
                {
                    token.Property(k => k.Symbol).HasColumnName("Terms_PriceToken").HasMaxLength(Token.MaxSymbolLength);
                    token.Property(k => k.Decimals).HasColumnName("Terms_PriceDecimals");
                    token.Property(k => k.LedgerCanisterId).HasColumnName("Terms_PriceLedger").HasMaxLength(Token.MaxLedgerLength);
                });
            });
        });
        builder.Property(c => c.ExternalId).HasMaxLength(128);
        builder.Property(c => c.InstanceDetails).HasMaxLength(8192);
        builder.Property(c => c.LoginUser).HasMaxLength(32);
        builder.Property(c => c.PasswordResetError).HasMaxLength(512);
        builder.Property(c => c.PasswordReset).HasConversion<string>().HasMaxLength(16);
        builder.OwnsMany(c => c.History, h =>
        {
            h.ToTable("contract_transitions");
            h.WithOwner().HasForeignKey("ContractId");
            h.Property<long>("Seq").ValueGeneratedOnAdd();
            h.HasKey("Seq");
            h.Property(t => t.Actor).HasMaxLength(128);
            h.Property(t => t.Reason).HasMaxLength(512);
        });
        builder.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Versioned();
    }
}
