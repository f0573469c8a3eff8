using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Retention;

/// <summary>An archived contract as the operator sees it: parties, how and when it ended, when it was archived, its history.</summary>
/// <param name="ContractId">The contract (hex id).</param>
/// <param name="ProviderId">The provider.</param>
/// <param name="RequesterAccountId">The account that rented it.</param>
/// <param name="Pool">The provider's pool.</param>
/// <param name="OfferingId">The offering named in the terms.</param>
/// <param name="FinalState">The terminal state it ended in (wire name).</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="EndedAt">When it reached its final state.</param>
/// <param name="ArchivedAt">When it moved to the archive.</param>
/// <param name="RentalPriceNanoUsd">Its rental price in nano-USD, for a rental.</param>
/// <param name="History">Every move, oldest first.</param>
public sealed record ArchivedContractView(
    string ContractId,
    string ProviderId,
    Guid RequesterAccountId,
    string Pool,
    string OfferingId,
    string FinalState,
    DateTimeOffset CreatedAt,
    DateTimeOffset EndedAt,
    DateTimeOffset ArchivedAt,
    long? RentalPriceNanoUsd,
    IReadOnlyList<TransitionView> History)
{
    internal static ArchivedContractView Of(Contract contract) => new(
        contract.Id.Hex,
        contract.Terms.ProviderId.Value,
        contract.Terms.RequesterAccountId,
        contract.Terms.PoolName,
        contract.Terms.OfferingId,
        contract.FinalState.ToWireName(),
        contract.CreatedAt,
        contract.StateSince,
        contract.ArchivedAt ?? contract.StateSince,
        contract.RentalPriceNanoUsd,
        [.. contract.History.Select(h => new TransitionView(h.From.ToWireName(), h.To.ToWireName(), h.At, h.Actor, h.Reason))]);
}
