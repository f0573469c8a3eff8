using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Adapters.Persistence;

/// <summary>Where the <c>rollup-health</c> job stopped: every platform check before it is in <c>health_rollups</c>.</summary>
internal sealed class HealthRollupCursorRow
{
    /// <summary>The one cursor's name.</summary>
    public const string Health = "health";

    public string Name { get; set; } = Health;

    public DateTimeOffset RolledUntil { get; set; }
}

// The archive rows carry exactly the hot table's columns (same names, same types) plus when they moved, so the archive
// parts copy with one INSERT ... SELECT and a contract's figures read the same from either table.

/// <summary>A <c>health_checks</c> row of an archived contract.</summary>
internal sealed class HealthCheckArchiveRow
{
    public Guid Id { get; set; }

    public ContractId ContractId { get; set; } = null!;

    public ProviderId ProviderId { get; set; } = null!;

    public Guid? OfferingId { get; set; }

    public DateTimeOffset At { get; set; }

    public CheckSource Source { get; set; }

    public HealthStatus Status { get; set; }

    public int? LatencyMs { get; set; }

    public bool ResponseOk { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}

/// <summary>A <c>health_incidents</c> row of an archived contract.</summary>
internal sealed class HealthIncidentArchiveRow
{
    public Guid Id { get; set; }

    public ContractId ContractId { get; set; } = null!;

    public ProviderId ProviderId { get; set; } = null!;

    public Guid? OfferingId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastUnhealthyAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public int UnhealthyChecks { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}

/// <summary>A <c>health_rollups</c> row of an archived contract.</summary>
internal sealed class HealthRollupArchiveRow
{
    public ContractId ContractId { get; set; } = null!;

    public DateTimeOffset HourStart { get; set; }

    public ProviderId ProviderId { get; set; } = null!;

    public Guid? OfferingId { get; set; }

    public int Healthy { get; set; }

    public int Total { get; set; }

    public int ResponseOk { get; set; }

    public int Unknown { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}

/// <summary>A <c>sla_breaches</c> row of an archived contract.</summary>
internal sealed class SlaBreachArchiveRow
{
    public Guid Id { get; set; }

    public ContractId ContractId { get; set; } = null!;

    public ProviderId ProviderId { get; set; } = null!;

    public Guid? OfferingId { get; set; }

    public DateTimeOffset Hour { get; set; }

    public decimal UptimePercent { get; set; }

    public decimal TargetPercent { get; set; }

    public DateTimeOffset DetectedAt { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}

/// <summary>A <c>health_disagreements</c> row of an archived contract.</summary>
internal sealed class HealthDisagreementArchiveRow
{
    public Guid Id { get; set; }

    public ContractId ContractId { get; set; } = null!;

    public DateTimeOffset At { get; set; }

    public HealthStatus PlatformStatus { get; set; }

    public HealthStatus AgentStatus { get; set; }

    public Guid AgentReportId { get; set; }

    public DateTimeOffset AgentCheckedAt { get; set; }

    public DateTimeOffset ArchivedAt { get; set; }
}
