using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>A provider labels one of its agents (<c>PUT /api/v1/providers/me/agents/{key}/label</c>); an empty label removes it.</summary>
public sealed record LabelOwnDelegation(AccountPrincipal Signer, string? AgentPublicKeyHex, string? Label) : ICommand<Result>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("agent.label", "ok", ProviderSelf.Actor(Signer), AgentPublicKeyHex ?? string.Empty) : null;
}

/// <summary>Handles <see cref="LabelOwnDelegation"/>.</summary>
internal sealed class LabelOwnDelegationHandler(IProviderProfileStore profiles, IAgentDelegationStore delegations, IUnitOfWork unitOfWork)
    : ICommandHandler<LabelOwnDelegation, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(LabelOwnDelegation command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult();
        }

        var key = AgentPublicKey.FromHex(command.AgentPublicKeyHex);
        if (key.IsFailed)
        {
            return key.ToResult();
        }

        var label = string.IsNullOrEmpty(command.Label) ? null : command.Label;
        if (label is { Length: > LabelAgentDelegationHandler.MaxLabelLength } || label?.Any(char.IsControl) == true)
        {
            return Result.Fail(DomainError.Invalid("invalid_label", $"label: at most {LabelAgentDelegationHandler.MaxLabelLength} printable characters."));
        }

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null || delegation.ProviderId != provider.Value)
        {
            return Result.Fail(ProviderSelf.AgentNotFound(key.Value));
        }

        delegation.Relabel(label);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
