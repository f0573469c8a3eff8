using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>
/// One place contracts live (the contracts table, the request archive, the contract archive). Scoring reads every
/// registered source and concatenates them, so archival never changes a score; a contract is in exactly one source.
/// </summary>
public interface IContractOutcomeSource
{
    /// <summary>The outcomes of every contract of <paramref name="providerId"/> this source holds.</summary>
    Task<IReadOnlyList<ContractOutcome>> ReadAsync(ProviderId providerId, CancellationToken cancellationToken);
}
