using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Domain.Tests.Trust;

/// <summary>Feedback: both answers, only the renter, only once the contract ended; it reaches the score's outcome.</summary>
public class ContractFeedbackTests
{
    private static readonly Guid Renter = Guid.Parse("5d1e0b6f-8c64-4a7e-9a39-0d7c1f2b3a45");
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Contract Contract()
    {
        var terms = ContractTerms.Create(Renter, "prov-1", "pool-1", "small", 2, 2048, 20,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test", null, null, 3600, TokenAmount.Zero(Token.Icp)).Value;
        return Domain.Contracts.Contract.Request(ContractId.FromHex(new string('f', 64)).Value, terms, T0);
    }

    private static DomainError Error<T>(FluentResults.Result<T> result) => Assert.IsType<DomainError>(result.Errors[0]);

    [Fact]
    public void A_contract_that_has_not_ended_takes_no_feedback()
    {
        var contract = Contract();
        foreach (var state in new[] { ContractState.Requested, ContractState.Accepted })
        {
            if (state != contract.State)
            {
                Assert.True(contract.MoveTo(state, "test", "move", T0.AddHours(1)).IsSuccess);
            }

            var error = Error(ContractFeedback.Give(contract, Renter, true, true, T0.AddDays(1)));
            Assert.Equal((ErrorKind.Conflict, "contract_not_ended"), (error.Kind, error.Code));
        }
    }

    [Theory]
    [InlineData(ContractState.Cancelled)]
    [InlineData(ContractState.Rejected)]
    public void The_renter_answers_once_the_contract_ended_and_the_answers_reach_the_outcome(ContractState end)
    {
        var contract = Contract();
        Assert.True(contract.MoveTo(end, "test", "end", T0.AddHours(1)).IsSuccess);
        var feedback = ContractFeedback.Give(contract, Renter, false, true, T0.AddDays(1)).Value;
        Assert.Equal((contract.Id, "prov-1", Renter, false, true, T0.AddDays(1)),
            (feedback.ContractId, feedback.ProviderId.Value, feedback.AccountId, feedback.MatchedDescription, feedback.WouldRentAgain, feedback.GivenAt));
        var outcome = feedback.ApplyTo(ContractOutcome.Of(contract));
        Assert.Equal((false, true), (outcome.MatchedDescription, outcome.WouldRentAgain));
    }

    [Fact]
    public void Another_account_is_not_found_and_every_missing_answer_is_reported()
    {
        var contract = Contract();
        Assert.True(contract.MoveTo(ContractState.Cancelled, "test", "end", T0.AddHours(1)).IsSuccess);
        var stranger = Error(ContractFeedback.Give(contract, Guid.NewGuid(), true, true, T0));
        Assert.Equal((ErrorKind.NotFound, "contract_not_found"), (stranger.Kind, stranger.Code));
        var missing = ContractFeedback.Give(contract, Renter, null, null, T0);
        Assert.Equal(["invalid_matched_description", "invalid_would_rent_again"], missing.Errors.Cast<DomainError>().Select(e => e.Code));
    }
}
