using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Contracts;

/// <summary>The measured state of a contract's machine.</summary>
public enum HealthStatus
{
    /// <summary><c>healthy</c>: running and reachable.</summary>
    Healthy,
    /// <summary><c>unhealthy</c>: stopped, missing or unreachable.</summary>
    Unhealthy,
    /// <summary><c>unknown</c>: the check could not decide.</summary>
    Unknown,
}

/// <summary>One health check an agent made of a contract's machine.</summary>
public sealed class HealthReport
{
    /// <summary>Longest details text kept.</summary>
    public const int MaxDetailsLength = 1024;

    private HealthReport(ContractId contractId, DateTimeOffset checkedAt, HealthStatus status, int? latencyMs, string? details, DateTimeOffset receivedAt)
    {
        Id = Guid.NewGuid();
        ContractId = contractId;
        CheckedAt = checkedAt;
        Status = status;
        LatencyMs = latencyMs;
        Details = details;
        ReceivedAt = receivedAt;
    }

    /// <summary>The report's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract checked.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>When the agent checked.</summary>
    public DateTimeOffset CheckedAt { get; private set; }

    /// <summary>What it found.</summary>
    public HealthStatus Status { get; private set; }

    /// <summary>The measured round trip, if any.</summary>
    public int? LatencyMs { get; private set; }

    /// <summary>Free text from the agent.</summary>
    public string? Details { get; private set; }

    /// <summary>When the API received it.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>Validates a report: a known status, a check time not in the future (beyond 5 minutes of skew), a sane latency.</summary>
    public static Result<HealthReport> Create(ContractId contractId, DateTimeOffset checkedAt, string? status, int? latencyMs, string? details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        HealthStatus? parsed = status switch
        {
            "healthy" => HealthStatus.Healthy,
            "unhealthy" => HealthStatus.Unhealthy,
            "unknown" => HealthStatus.Unknown,
            _ => null,
        };
        if (parsed is null)
        {
            return Result.Fail<HealthReport>(DomainError.Invalid("invalid_status", "status must be healthy, unhealthy or unknown."));
        }

        if (checkedAt > now + TimeSpan.FromMinutes(5) || checkedAt < now - TimeSpan.FromDays(1))
        {
            return Result.Fail<HealthReport>(DomainError.Invalid("invalid_checked_at", "checkedAt must be within the last day and not in the future."));
        }

        if (latencyMs is < 0 or > 600_000)
        {
            return Result.Fail<HealthReport>(DomainError.Invalid("invalid_latency", "latencyMs must be 0-600000."));
        }

        if (details is { Length: > MaxDetailsLength })
        {
            return Result.Fail<HealthReport>(DomainError.Invalid("invalid_details", $"details must be at most {MaxDetailsLength} characters."));
        }

        return new HealthReport(contractId, checkedAt, parsed.Value, latencyMs, details, now);
    }

#pragma warning disable CS8618 // for the persistence mapper
    private HealthReport()
    {
    }
#pragma warning restore CS8618
}
