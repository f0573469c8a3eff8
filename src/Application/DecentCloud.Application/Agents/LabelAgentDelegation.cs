using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Agents;

/// <summary>Gives an agent delegation a label (e.g. the host's name); an empty label removes it.</summary>
public sealed record LabelAgentDelegation(string? AgentPublicKeyHex, string? Label, string Actor) : ICommand<Result>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("agent.label", "ok", Actor, AgentPublicKey.FromHex(AgentPublicKeyHex).Value.Hex) : null;
}

/// <summary>Handles <see cref="LabelAgentDelegation"/>.</summary>
internal sealed class LabelAgentDelegationHandler(IAgentDelegationStore delegations, IUnitOfWork unitOfWork)
    : ICommandHandler<LabelAgentDelegation, Result>
{
    /// <summary>Longest label kept.</summary>
    public const int MaxLabelLength = 64;

    /// <inheritdoc />
    public async ValueTask<Result> Handle(LabelAgentDelegation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var key = AgentPublicKey.FromHex(command.AgentPublicKeyHex);
        if (key.IsFailed)
        {
            return key.ToResult();
        }

        if (command.Label is { Length: > MaxLabelLength } || command.Label?.Any(char.IsControl) == true)
        {
            return Result.Fail(DomainError.Invalid("invalid_label", $"a label is at most {MaxLabelLength} printable characters."));
        }

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null)
        {
            return Result.Fail(DomainErrors.NotFound("agent_not_found", $"No delegation for agent key {key.Value}."));
        }

        delegation.Relabel(command.Label);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
