using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>A one-time token that lets a new agent key join a pool. Only the token's hash is stored.</summary>
public sealed class SetupToken
{
    private SetupToken(Guid id, byte[] tokenHash, Guid poolId, AgentPermissions permissions, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        TokenHash = tokenHash;
        PoolId = poolId;
        Permissions = permissions;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>Hash of the token text.</summary>
    public byte[] TokenHash { get; private set; }

    /// <summary>The pool the agent joins.</summary>
    public Guid PoolId { get; private set; }

    /// <summary>What the resulting delegation may do.</summary>
    public AgentPermissions Permissions { get; private set; }

    /// <summary>When the token was made.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>After this the token is refused.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }

    /// <summary>When the token was used; a token is used once.</summary>
    public DateTimeOffset? ConsumedAt { get; private set; }

    /// <summary>The agent key that used it.</summary>
    public AgentPublicKey? ConsumedBy { get; private set; }

    /// <summary>A new token.</summary>
    public static SetupToken Issue(Guid id, byte[] tokenHash, Guid poolId, AgentPermissions permissions, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "a setup token must live for a positive time");
        }

        return new SetupToken(id, tokenHash, poolId, permissions, now, now + lifetime);
    }

    /// <summary>Uses the token for <paramref name="agentKey"/>; an expired or used token is refused.</summary>
    public Result Consume(AgentPublicKey agentKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(agentKey);
        if (ConsumedAt is not null || now >= ExpiresAt)
        {
            return Result.Fail(DomainErrors.Unauthorized("invalid_setup_token", "The setup token is unknown, used or expired."));
        }

        ConsumedAt = now;
        ConsumedBy = agentKey;
        return Result.Ok();
    }

#pragma warning disable CS8618 // for the persistence mapper
    private SetupToken()
    {
    }
#pragma warning restore CS8618
}
