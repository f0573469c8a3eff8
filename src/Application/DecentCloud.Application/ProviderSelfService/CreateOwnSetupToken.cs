using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.ProviderSelfService;

/// <summary>
/// A provider issues a one-time setup token for one of its own pools (<c>POST /api/v1/providers/me/setup-tokens</c>);
/// unlike the operator verb it never creates a pool, so a typo cannot make a stray one. Lifetime as the operator's:
/// <see cref="GatewayOptions.SetupTokenLifetime"/> by default, at most 30 days.
/// </summary>
public sealed record CreateOwnSetupToken(AccountPrincipal Signer, string? Pool, IReadOnlyList<string>? Permissions, TimeSpan? Lifetime)
    : ICommand<Result<ProviderCreatedSetupToken>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<ProviderCreatedSetupToken> { IsSuccess: true } created
            ? new AuditNote("agent.setup_token.create", "ok", ProviderSelf.Actor(Signer), created.Value.Pool)
            : null;
}

/// <summary>Handles <see cref="CreateOwnSetupToken"/>.</summary>
internal sealed class CreateOwnSetupTokenHandler(
    IProviderProfileStore profiles,
    IAgentPoolStore pools,
    ISetupTokenStore tokens,
    IUnitOfWork unitOfWork,
    IOptions<GatewayOptions> options,
    TimeProvider time) : ICommandHandler<CreateOwnSetupToken, Result<ProviderCreatedSetupToken>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderCreatedSetupToken>> Handle(CreateOwnSetupToken command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = await ProviderSelf.RequireAsync(profiles, command.Signer, cancellationToken);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderCreatedSetupToken>();
        }

        var permissions = command.Permissions is { Count: > 0 } names ? AgentPermissionNames.Parse(names) : AgentPermissions.All;
        if (permissions.IsFailed)
        {
            return permissions.ToResult<ProviderCreatedSetupToken>();
        }

        var lifetime = command.Lifetime ?? options.Value.SetupTokenLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(30))
        {
            return Result.Fail(DomainError.Invalid("invalid_lifetime", "lifetimeSeconds: a setup token lives for more than 0 and at most 30 days."));
        }

        var pool = string.IsNullOrWhiteSpace(command.Pool) ? null : await pools.FindByNameAsync(command.Pool, cancellationToken);
        if (pool is null || pool.ProviderId != provider.Value)
        {
            return Result.Fail(DomainErrors.NotFound("pool_not_found", $"No pool '{command.Pool}' of this provider."));
        }

        var token = CreateSetupTokenHandler.TokenPrefix + SecretHasher.NewSecret();
        var issued = SetupToken.Issue(Guid.NewGuid(), SecretHasher.Hash(token), pool.Id, permissions.Value, time.Now(), lifetime);
        tokens.Add(issued);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new ProviderCreatedSetupToken(issued.Id, token, pool.Name, issued.Permissions.ToNames(), issued.ExpiresAt);
    }
}
