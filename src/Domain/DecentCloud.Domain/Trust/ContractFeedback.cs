using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Domain.Trust;

/// <summary>
/// A user's one answer about a contract that ended: did the service match its description, would they rent again.
/// Given once per contract (the database's key on the contract holds that against a concurrent second answer).
/// </summary>
public sealed class ContractFeedback
{
    private ContractFeedback(ContractId contractId, ProviderId providerId, Guid accountId, bool matchedDescription, bool wouldRentAgain, DateTimeOffset givenAt)
    {
        ContractId = contractId;
        ProviderId = providerId;
        AccountId = accountId;
        MatchedDescription = matchedDescription;
        WouldRentAgain = wouldRentAgain;
        GivenAt = givenAt;
    }

    /// <summary>The contract the feedback is about.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The contract's provider (scores read feedback by provider).</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The account that rented and answered.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>Whether the service matched its description.</summary>
    public bool MatchedDescription { get; private set; }

    /// <summary>Whether the user would rent from the provider again.</summary>
    public bool WouldRentAgain { get; private set; }

    /// <summary>When it was given.</summary>
    public DateTimeOffset GivenAt { get; private set; }

    /// <summary>
    /// The renter's feedback on <paramref name="contract"/>: both answers are required (every missing one is
    /// reported), only the account that rented may answer, and only once the contract reached a terminal state.
    /// </summary>
    public static Result<ContractFeedback> Give(Contract contract, Guid accountId, bool? matchedDescription, bool? wouldRentAgain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var errors = new List<IError>();
        if (matchedDescription is null)
        {
            errors.Add(DomainError.Invalid("invalid_matched_description", "matchedDescription (true or false) is required."));
        }

        if (wouldRentAgain is null)
        {
            errors.Add(DomainError.Invalid("invalid_would_rent_again", "wouldRentAgain (true or false) is required."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail<ContractFeedback>(errors);
        }

        if (contract.Terms.RequesterAccountId != accountId)
        {
            return Result.Fail<ContractFeedback>(DomainErrors.NotFound("contract_not_found", $"No contract {contract.Id} of this account."));
        }

        if (!contract.State.IsTerminal())
        {
            return Result.Fail<ContractFeedback>(DomainErrors.Conflict("contract_not_ended",
                $"Contract {contract.Id} is {contract.State.ToWireName()}; feedback is given once it has ended."));
        }

        return new ContractFeedback(contract.Id, contract.Terms.ProviderId, accountId, matchedDescription!.Value, wouldRentAgain!.Value, now);
    }

    /// <summary>The outcome of the contract with this feedback's answers.</summary>
    public ContractOutcome ApplyTo(ContractOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome with { MatchedDescription = MatchedDescription, WouldRentAgain = WouldRentAgain };
    }
}
