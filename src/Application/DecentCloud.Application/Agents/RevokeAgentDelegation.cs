using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Agents;

/// <summary>
/// Revokes an agent key's delegation: its signed requests are refused from then on. By the key's
/// provider, or by an operator when <paramref name="Requester"/> is null.
/// </summary>
public sealed record RevokeAgentDelegation(ProviderId? Requester, string? AgentPublicKeyHex, string Actor) : ICommand<Result>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("agent.revoke", "ok", Actor, AgentPublicKey.FromHex(AgentPublicKeyHex).Value.Hex) : null;
}

/// <summary>Handles <see cref="RevokeAgentDelegation"/>.</summary>
internal sealed class RevokeAgentDelegationHandler(
    IAgentDelegationStore delegations,
    IUnitOfWork unitOfWork,
    TimeProvider time) : ICommandHandler<RevokeAgentDelegation, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RevokeAgentDelegation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = AgentPublicKey.FromHex(command.AgentPublicKeyHex);
        if (key.IsFailed)
        {
            return key.ToResult();
        }

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null || (command.Requester is not null && delegation.ProviderId != command.Requester))
        {
            return Result.Fail(DomainErrors.NotFound("agent_not_found", $"No delegation for agent key {key.Value}."));
        }

        delegation.Revoke(time.Now());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
