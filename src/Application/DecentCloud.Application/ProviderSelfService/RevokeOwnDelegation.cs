using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// A provider revokes one of its agents (<c>POST /api/v1/providers/me/agents/{key}/revoke</c>): the key's signed requests
/// are refused from then on. Signed by an account device key, so a provider can cut off an agent whose key leaked.
/// </summary>
public sealed record RevokeOwnDelegation(AccountPrincipal Signer, string? AgentPublicKeyHex) : ICommand<Result>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("agent.revoke", "ok", ProviderSelf.Actor(Signer), AgentPublicKeyHex ?? string.Empty) : null;
}

/// <summary>Handles <see cref="RevokeOwnDelegation"/>.</summary>
internal sealed class RevokeOwnDelegationHandler(IProviderProfileStore profiles, IAgentDelegationStore delegations, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RevokeOwnDelegation, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RevokeOwnDelegation command, CancellationToken cancellationToken)
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

        var delegation = await delegations.FindAsync(key.Value, cancellationToken);
        if (delegation is null || delegation.ProviderId != provider.Value)
        {
            return Result.Fail(ProviderSelf.AgentNotFound(key.Value));
        }

        delegation.Revoke(time.Now());
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
