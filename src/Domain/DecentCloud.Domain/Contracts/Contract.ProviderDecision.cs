using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>The provider's own answer to a request, timed for the trust score.</summary>
public sealed partial class Contract
{
    /// <summary>When the provider itself accepted or rejected the request (not set by operator moves or timeouts).</summary>
    public DateTimeOffset? ProviderRespondedAt { get; private set; }

    /// <summary>How long the provider took to answer: its decision time minus the request time.</summary>
    public TimeSpan? ProviderResponseTime => ProviderRespondedAt - CreatedAt;

    /// <summary>
    /// The provider accepts (<paramref name="accept"/>) or rejects a contract that still waits for its answer
    /// (requested or pending). Only an unanswered request counts: the state machine also lets an accepted contract be
    /// rejected, but a second, contradicting answer must lose, so two racing decisions end with exactly one.
    /// </summary>
    public Result DecideAsProvider(bool accept, string actor, string reason, DateTimeOffset now)
    {
        if (State is not (ContractState.Requested or ContractState.Pending))
        {
            return Result.Fail(DomainErrors.Conflict(
                "contract_already_decided", $"A {State.ToWireName()} contract no longer waits for the provider's answer."));
        }

        var moved = MoveTo(accept ? ContractState.Accepted : ContractState.Rejected, actor, reason, now);
        if (moved.IsSuccess)
        {
            ProviderRespondedAt = now;
        }

        return moved;
    }
}
