using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>A provider's group of hosts whose agents share setup tokens and contracts.</summary>
public sealed class AgentPool
{
    private AgentPool(Guid id, string name, ProviderId providerId, DateTimeOffset now)
    {
        Id = id;
        Name = name;
        ProviderId = providerId;
        CreatedAt = now;
    }

    /// <summary>The pool's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The pool's unique name: 1–64 chars of <c>[a-z0-9_-]</c>.</summary>
    public string Name { get; private set; }

    /// <summary>The provider the pool's agents act for.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>When the pool was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Creates a pool after validating its name.</summary>
    public static Result<AgentPool> Create(Guid id, string? name, ProviderId providerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var valid = ValidateName(name);
        return valid.IsFailed ? valid : new AgentPool(id, name!, providerId, now);
    }

    /// <summary>Checks a pool name: 1–64 chars of <c>[a-z0-9_-]</c>.</summary>
    public static Result ValidateName(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > 64 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')
            ? Result.Fail(DomainError.Invalid("invalid_pool", "pool name must be 1-64 characters of [a-z0-9_-]."))
            : Result.Ok();

#pragma warning disable CS8618 // for the persistence mapper
    private AgentPool()
    {
    }
#pragma warning restore CS8618
}
