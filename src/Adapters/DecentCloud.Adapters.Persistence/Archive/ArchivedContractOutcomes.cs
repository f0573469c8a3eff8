using DecentCloud.Application.Retention;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Adapters.Persistence.Archive;

/// <summary>
/// The contract archive as a source of outcomes: each archived contract is read back as the aggregate and mapped by
/// <see cref="ContractOutcome.Of"/>, exactly as a live one, with its feedback (which stays in <c>contract_feedback</c>,
/// keyed by the contract), so archival never changes a score.
/// </summary>
internal sealed class ArchivedContractOutcomes(IContractArchive archive, DecentCloudDbContext db) : IContractOutcomeSource
{
    public async Task<IReadOnlyList<ContractOutcome>> ReadAsync(ProviderId providerId, CancellationToken cancellationToken)
    {
        var contracts = await archive.ListAsync(providerId, null, int.MaxValue, cancellationToken);
        var feedback = await Stores.FeedbackOf.ProviderAsync(db, providerId, cancellationToken);
        return [.. contracts.Select(c => Stores.FeedbackOf.Apply(feedback, ContractOutcome.Of(c)))];
    }
}
