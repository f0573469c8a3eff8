using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// The provider's agent and the platform's probe saw a contract differently within one probe interval. The platform's
/// probe wins (only it counts toward uptime); this row keeps the agent's claim beside it.
/// </summary>
public sealed class HealthDisagreement
{
    private HealthDisagreement(ContractId contractId, DateTimeOffset at, HealthStatus platformStatus, HealthStatus agentStatus, Guid agentReportId, DateTimeOffset agentCheckedAt)
    {
        Id = Guid.NewGuid();
        ContractId = contractId;
        At = at;
        PlatformStatus = platformStatus;
        AgentStatus = agentStatus;
        AgentReportId = agentReportId;
        AgentCheckedAt = agentCheckedAt;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>When the platform probed.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>What the platform found (the status that counts).</summary>
    public HealthStatus PlatformStatus { get; private set; }

    /// <summary>What the agent reported.</summary>
    public HealthStatus AgentStatus { get; private set; }

    /// <summary>The agent's report (in <c>health_reports</c>).</summary>
    public Guid AgentReportId { get; private set; }

    /// <summary>When the agent checked.</summary>
    public DateTimeOffset AgentCheckedAt { get; private set; }

    /// <summary>
    /// The disagreement between a platform check and the agent's report of the same interval, or <c>null</c> when they
    /// agree or either could not decide.
    /// </summary>
    public static HealthDisagreement? Between(HealthCheck platform, HealthReport agent)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(agent);
        if (platform.Status == HealthStatus.Unknown || agent.Status == HealthStatus.Unknown || platform.Status == agent.Status)
        {
            return null;
        }

        return new HealthDisagreement(platform.ContractId, platform.At, platform.Status, agent.Status, agent.Id, agent.CheckedAt);
    }

#pragma warning disable CS8618 // for the persistence mapper
    private HealthDisagreement()
    {
    }
#pragma warning restore CS8618
}
