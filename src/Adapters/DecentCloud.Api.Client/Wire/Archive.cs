namespace DecentCloud.Api.Client;

/// <summary>
/// An archived contract (<c>GET /api/v1/admin/archive/contracts</c> and <c>…/{id}</c>): a contract that ended and was
/// moved to the archive after the retention period, with its parties, how and when it ended, and its history.
/// </summary>
/// <param name="ContractId">The contract (hex id).</param>
/// <param name="ProviderId">The provider.</param>
/// <param name="RequesterAccountId">The account that rented it.</param>
/// <param name="Pool">The provider's pool.</param>
/// <param name="OfferingId">The offering named in its terms.</param>
/// <param name="FinalState">The terminal state it ended in (<c>completed</c>, <c>cancelled</c>, …); its state is now <c>archived</c>.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="EndedAt">When it reached its final state.</param>
/// <param name="ArchivedAt">When it moved to the archive.</param>
/// <param name="RentalPriceNanoUsd">Its rental price in nano-USD, for a rental.</param>
/// <param name="History">Every state change, oldest first.</param>
public sealed record ArchivedContract(
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
    IReadOnlyList<ContractTransition> History);
