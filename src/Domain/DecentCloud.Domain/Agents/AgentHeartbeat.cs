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

    /// <summary>Takes in a new beat.</summary>
    public void Beat(DateTimeOffset at, string version, IEnumerable<string> provisionerTypes, int activeContracts, string? resources, string? bandwidth)
    {
        At = at;
        AgentVersion = version.Length > 64 ? version[..64] : version;
        ProvisionerTypes = string.Join(',', provisionerTypes);
        ActiveContracts = activeContracts;
        Resources = resources;
        Bandwidth = bandwidth;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private AgentHeartbeat()
    {
    }
#pragma warning restore CS8618
}
