using DecentCloud.Domain.Trust;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DecentCloud.Adapters.Persistence.Configurations;

internal sealed class ContractFeedbackConfiguration : IEntityTypeConfiguration<ContractFeedback>
{
    public void Configure(EntityTypeBuilder<ContractFeedback> builder)
    {
        builder.ToTable("contract_feedback");
        // The key on the contract is what makes feedback once-only, whichever instance takes the second answer.
        builder.HasKey(f => f.ContractId);
        builder.HasIndex(f => f.ProviderId);
        builder.HasIndex(f => f.AccountId);
    }
}
