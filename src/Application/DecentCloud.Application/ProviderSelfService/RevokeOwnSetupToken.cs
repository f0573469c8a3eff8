using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// A provider revokes an unused setup token of its own pools (<c>DELETE /api/v1/providers/me/setup-tokens/{id}</c>): the
/// row is deleted, so the secret matches nothing any more. A consumed token is history and stays; revoke the agent instead.
/// </summary>
public sealed record RevokeOwnSetupToken(AccountPrincipal Signer, string? TokenId) : ICommand<Result>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is { IsSuccess: true } ? new AuditNote("agent.setup_token.revoke", "ok", ProviderSelf.Actor(Signer), TokenId ?? string.Empty) : null;
}

/// <summary>Handles <see cref="RevokeOwnSetupToken"/>.</summary>
internal sealed class RevokeOwnSetupTokenHandler(IProviderProfileStore profiles, IAgentPoolStore pools, IProviderSelfServiceStore store, IUnitOfWork unitOfWork)
    : ICommandHandler<RevokeOwnSetupToken, Result>
{
    /// <inheritdoc />
    public async ValueTask<Result> Handle(RevokeOwnSetupToken command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult();
        }

        if (!Guid.TryParse(command.TokenId, out var id))
        {
            return Result.Fail(DomainError.Invalid("invalid_token_id", "token id must be a UUID."));
        }

        var token = await store.FindSetupTokenAsync(id, cancellationToken);
        var pool = token is null ? null : await pools.FindAsync(token.PoolId, cancellationToken);
        if (token is null || pool is null || pool.ProviderId != provider.Value)
        {
            return Result.Fail(DomainErrors.NotFound("setup_token_not_found", $"No setup token {id} of this provider."));
        }

        if (token.ConsumedAt is not null)
        {
            return Result.Fail(DomainErrors.Conflict("setup_token_consumed", "This setup token was already used; revoke the agent's delegation instead."));
        }

        store.RemoveSetupToken(token);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Result.Ok();
    }
}
