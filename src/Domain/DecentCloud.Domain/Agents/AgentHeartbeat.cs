using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>The latest heartbeat of an agent: what it runs and what it has.</summary>
public sealed class AgentHeartbeat
{
    /// <summary>Creates or replaces the heartbeat of an agent.</summary>
    public AgentHeartbeat(AgentPublicKey agentKey, ProviderId providerId, DateTimeOffset at)
    {
        AgentKey = agentKey;
        ProviderId = providerId;
        At = at;
        AgentVersion = string.Empty;
        ProvisionerTypes = string.Empty;
    }

    /// <summary>The agent.</summary>
    public AgentPublicKey AgentKey { get; private set; }

    /// <summary>The provider it acts for.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>When it was received.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>The agent's version.</summary>
    public string AgentVersion { get; private set; }

    /// <summary>The backends it provisions with, comma-separated.</summary>
    public string ProvisionerTypes { get; private set; }

    /// <summary>How many contracts it runs.</summary>
    public int ActiveContracts { get; private set; }

    /// <summary>Its resources as it reported them (JSON), if it did.</summary>
    public string? Resources { get; private set; }

    /// <summary>Its bandwidth figures (JSON), if it reported them.</summary>
    public string? Bandwidth { get; private set; }

    /// <summary>Longest agent version (the column's length).</summary>
    public const int MaxVersionLength = 64;

    /// <summary>Longest provisioner type.</summary>
    public const int MaxProvisionerTypeLength = 32;

    /// <summary>Longest comma-separated list of provisioner types (the column's length).</summary>
    public const int MaxProvisionerTypesLength = 512;

    /// <summary>Longest resources or bandwidth JSON (the columns' length).</summary>
    public const int MaxFiguresLength = 8192;

    /// <summary>Takes in a new beat; a value longer than its limit refuses the whole beat (nothing is cut or half-stored).</summary>
    public Result Beat(DateTimeOffset at, string version, IEnumerable<string> provisionerTypes, int activeContracts, string? resources, string? bandwidth)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(provisionerTypes);
        var types = provisionerTypes.ToList();
        var joined = string.Join(',', types);
        if (version.Length is 0 or > MaxVersionLength
            || types.Any(t => t is null || t.Length is 0 or > MaxProvisionerTypeLength || t.Contains(',', StringComparison.Ordinal))
            || joined.Length > MaxProvisionerTypesLength
            || resources is { Length: > MaxFiguresLength } || bandwidth is { Length: > MaxFiguresLength } || activeContracts < 0)
        {
            return Result.Fail(DomainError.Invalid("invalid_heartbeat",
                $"a heartbeat needs a version of 1-{MaxVersionLength} characters, provisioner types of 1-{MaxProvisionerTypeLength} characters " +
                $"({MaxProvisionerTypesLength} in all), a non-negative activeContracts, and resources and bandwidth of at most {MaxFiguresLength} characters each."));
        }

        At = at;
        AgentVersion = version;
        ProvisionerTypes = joined;
        ActiveContracts = activeContracts;
        Resources = resources;
        Bandwidth = bandwidth;
        return Result.Ok();
    }

#pragma warning disable CS8618 // for the persistence mapper
    private AgentHeartbeat()
    {
    }
#pragma warning restore CS8618
}
