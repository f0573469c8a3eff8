using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>The users' feedback on ended contracts (table <c>contract_feedback</c>, one row per contract).</summary>
public interface IContractFeedbackStore
{
    /// <summary>The feedback on <paramref name="contractId"/>, if any.</summary>
    Task<ContractFeedback?> FindAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Every feedback on contracts of <paramref name="providerId"/>.</summary>
    Task<IReadOnlyList<ContractFeedback>> ListAsync(ProviderId providerId, CancellationToken cancellationToken);

    /// <summary>Adds a feedback (saved with the unit of work; a second one for the same contract fails the save).</summary>
    void Add(ContractFeedback feedback);
}
