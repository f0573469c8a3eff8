using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>An agent key acting for a provider within a pool, with permissions, an optional expiry and revocation.</summary>
public sealed class AgentDelegation
{
    private AgentDelegation(AgentPublicKey agentKey, ProviderId providerId, Guid poolId, AgentPermissions permissions, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        AgentKey = agentKey;
        ProviderId = providerId;
        PoolId = poolId;
        Permissions = permissions;
        CreatedAt = now;
        ExpiresAt = expiresAt;
    }

    /// <summary>The agent's public key.</summary>
    public AgentPublicKey AgentKey { get; private set; }

    /// <summary>The provider the agent acts for.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The pool the agent belongs to.</summary>
    public Guid PoolId { get; private set; }

    /// <summary>What the agent may do.</summary>
    public AgentPermissions Permissions { get; private set; }

    /// <summary>A label the provider gives the agent.</summary>
    public string? Label { get; private set; }

    /// <summary>When the delegation was made.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>After this the delegation no longer works; <c>null</c> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>When the delegation was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    /// <summary>A new delegation.</summary>
    public static AgentDelegation Grant(AgentPublicKey agentKey, ProviderId providerId, Guid poolId, AgentPermissions permissions, DateTimeOffset now, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(agentKey);
        ArgumentNullException.ThrowIfNull(providerId);
        return new AgentDelegation(agentKey, providerId, poolId, permissions, now, expiresAt);
    }

    /// <summary>
    /// Renews the delegation from a fresh setup token of the same provider (it may move the key to another of that
    /// provider's pools). A key of another provider is a conflict and a revoked key is forbidden: a setup token never
    /// takes a key over and never lifts a revocation.
    /// </summary>
    public Result Regrant(ProviderId providerId, Guid poolId, AgentPermissions permissions, DateTimeOffset now, DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        if (RevokedAt is not null)
        {
            return Result.Fail(DomainErrors.Forbidden(AgentSetupErrors.KeyRevoked, "This agent key was revoked and cannot be set up again; create a new key."));
        }

        if (ProviderId != providerId)
        {
            return Result.Fail(DomainErrors.Conflict(AgentSetupErrors.KeyTaken, "This agent key acts for another provider."));
        }

        PoolId = poolId;
        Permissions = permissions;
        CreatedAt = now;
        ExpiresAt = expiresAt;
        return Result.Ok();
    }

    /// <summary>Whether the delegation works at <paramref name="now"/>.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || now < ExpiresAt);

    /// <summary>Unauthorized when revoked or expired; forbidden when <paramref name="required"/> is not granted.</summary>
    public Result Authorize(AgentPermissions required, DateTimeOffset now)
    {
        if (!IsActive(now))
        {
            return Result.Fail(DomainErrors.Unauthorized("invalid_signature", "The agent is not authorised."));
        }

        return (Permissions & required) == required
            ? Result.Ok()
            : Result.Fail(DomainErrors.Forbidden(
                "missing_permission", $"The agent's delegation lacks the permission {string.Join(", ", (required & ~Permissions).ToNames())}."));
    }

    /// <summary>Sets the provider's label for the agent.</summary>
    public void Relabel(string? label) => Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim();

    /// <summary>Revokes the delegation; signed requests from the key are refused from now on.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

#pragma warning disable CS8618 // for the persistence mapper
    private AgentDelegation()
    {
    }
#pragma warning restore CS8618
}
