using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Agents;

/// <summary>
/// Issues a one-time setup token for a pool (an operator action). A pool that does not exist yet is
/// created for <paramref name="ProviderId"/>, or, when that is omitted, for a provider named like the pool.
/// </summary>
public sealed record CreateSetupToken(string PoolName, string? ProviderId, IReadOnlyList<string>? Permissions, TimeSpan? Lifetime)
    : ICommand<Result<CreatedSetupToken>>, IAudited
{
    /// <inheritdoc />
    public AuditNote? Audit(IResultBase result) =>
        result is Result<CreatedSetupToken> { IsSuccess: true } created
            ? new AuditNote("agent.setup_token.create", "ok", "admin", created.Value.PoolName)
            : null;
}

/// <summary>The new token (shown once) and the pool it joins.</summary>
public sealed record CreatedSetupToken(string Token, string PoolName, ProviderId ProviderId, AgentPermissions Permissions, DateTimeOffset ExpiresAt);

/// <summary>Handles <see cref="CreateSetupToken"/>.</summary>
internal sealed class CreateSetupTokenHandler(
    IAgentPoolStore pools,
    ISetupTokenStore tokens,
    IUnitOfWork unitOfWork,
    IOptions<GatewayOptions> options,
    TimeProvider time) : ICommandHandler<CreateSetupToken, Result<CreatedSetupToken>>
{
    /// <summary>Prefix of setup tokens, so secret scanners can recognise them.</summary>
    public const string TokenPrefix = "dcst_";

    /// <inheritdoc />
    public async ValueTask<Result<CreatedSetupToken>> Handle(CreateSetupToken command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var permissions = command.Permissions is { Count: > 0 } names ? AgentPermissionNames.Parse(names) : AgentPermissions.All;
        if (permissions.IsFailed)
        {
            return permissions.ToResult<CreatedSetupToken>();
        }

        var lifetime = command.Lifetime ?? options.Value.SetupTokenLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > TimeSpan.FromDays(30))
        {
            return Result.Fail(DomainError.Invalid("invalid_lifetime", "A setup token lives for more than 0 and at most 30 days."));
        }

        var pool = await FindOrCreatePoolAsync(command, cancellationToken);
        if (pool.IsFailed)
        {
            return pool.ToResult<CreatedSetupToken>();
        }

        var now = time.Now();
        var token = TokenPrefix + SecretHasher.NewSecret();
        var issued = SetupToken.Issue(Guid.NewGuid(), SecretHasher.Hash(token), pool.Value.Id, permissions.Value, now, lifetime);
        tokens.Add(issued);
        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new CreatedSetupToken(token, pool.Value.Name, pool.Value.ProviderId, issued.Permissions, issued.ExpiresAt);
    }

    private async Task<Result<AgentPool>> FindOrCreatePoolAsync(CreateSetupToken command, CancellationToken cancellationToken)
    {
        var name = AgentPool.ValidateName(command.PoolName);
        if (name.IsFailed)
        {
            return name;
        }

        var existing = await pools.FindByNameAsync(command.PoolName, cancellationToken);
        if (existing is not null)
        {
            return command.ProviderId is null || command.ProviderId == existing.ProviderId.Value
                ? existing
                : Result.Fail(DomainErrors.Conflict("pool_provider_mismatch", $"Pool '{existing.Name}' belongs to provider '{existing.ProviderId}'."));
        }

        var provider = Domain.Agents.ProviderId.Create(command.ProviderId ?? command.PoolName);
        if (provider.IsFailed)
        {
            return provider.ToResult<AgentPool>();
        }

        var pool = AgentPool.Create(Guid.NewGuid(), command.PoolName, provider.Value, time.Now());
        if (pool.IsSuccess)
        {
            pools.Add(pool.Value);
        }

        return pool;
    }
}
