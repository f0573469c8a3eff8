using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Trust;

/// <summary>
/// What trust and reliability scoring needs to know about one contract, the same whether it is read from the live
/// contracts, the request archive or the contract archive: so a contract scores the same before and after archival.
/// </summary>
/// <param name="ContractId">The contract (hex id).</param>
/// <param name="ProviderId">The provider asked.</param>
/// <param name="RequesterAccountId">The account that rented (repeat customers are counted by it).</param>
/// <param name="OfferingId">The offering rented, if any.</param>
/// <param name="State">The contract's state: its current one while live, its final one once archived.</param>
/// <param name="CreatedAt">When it was requested.</param>
/// <param name="ProviderRespondedAt">When the provider itself accepted or rejected it, if it did.</param>
/// <param name="AcceptedAt">When it was accepted, if it was.</param>
/// <param name="ProvisionedAt">When its machine was reported provisioned, if it was.</param>
/// <param name="TermSeconds">The rented term in seconds, as requested.</param>
/// <param name="EndsAt">When its rented time runs out (set at provisioning), if known.</param>
/// <param name="EndedAt">When it reached its terminal state, if it has.</param>
/// <param name="PriceNanoUsd">Its rental price in nano-USD, if it is a rental.</param>
/// <param name="MatchedDescription">The user's feedback "matched the description", if given.</param>
/// <param name="WouldRentAgain">The user's feedback "would rent again", if given.</param>
public sealed record ContractOutcome(
    string ContractId,
    string ProviderId,
    Guid RequesterAccountId,
    Guid? OfferingId,
    ContractState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ProviderRespondedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ProvisionedAt,
    long TermSeconds,
    DateTimeOffset? EndsAt,
    DateTimeOffset? EndedAt,
    long? PriceNanoUsd,
    bool? MatchedDescription,
    bool? WouldRentAgain)
{
    /// <summary>
    /// The outcome of a contract aggregate (live, or read back from the archive), without feedback: acceptance is its
    /// first move into <c>accepted</c>, its end the start of its terminal state, its state the one it ended in
    /// (an archived contract scores as the state it was archived from).
    /// </summary>
    public static ContractOutcome Of(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new ContractOutcome(
            contract.Id.Hex,
            contract.Terms.ProviderId.Value,
            contract.Terms.RequesterAccountId,
            contract.RentalOfferingId,
            contract.FinalState,
            contract.CreatedAt,
            contract.ProviderRespondedAt,
            contract.History.FirstOrDefault(t => t.To == ContractState.Accepted)?.At,
            contract.ProvisionedAt,
            contract.Terms.DurationSeconds,
            contract.EndsAt,
            contract.State.IsTerminal() ? contract.StateSince : null,
            contract.RentalPriceNanoUsd,
            null,
            null);
    }
}
