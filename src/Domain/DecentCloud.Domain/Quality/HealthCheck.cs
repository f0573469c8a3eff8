using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>Who made a health check.</summary>
public enum CheckSource
{
    /// <summary>The platform's own probe, independent of the provider: the one uptime and SLA figures are measured by.</summary>
    Platform,
    /// <summary>The provider's agent (kept beside the platform's checks, never trusted over them).</summary>
    Agent,
}

/// <summary>
/// One check of a contract's service: its result, latency and whether it answered within the response objective.
/// The provider and offering are copied in so per-provider and per-offering uptime reads one table.
/// </summary>
public sealed class HealthCheck
{
    /// <summary>The longest detail kept.</summary>
    public const int MaxDetailLength = 512;

    private HealthCheck(
        ContractId contractId, ProviderId providerId, Guid? offeringId, DateTimeOffset at, CheckSource source, HealthStatus status,
        int? latencyMs, bool responseOk, string? detail)
    {
        Id = Guid.NewGuid();
        ContractId = contractId;
        ProviderId = providerId;
        OfferingId = offeringId;
        At = at;
        Source = source;
        Status = status;
        LatencyMs = latencyMs;
        ResponseOk = responseOk;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
    }

    /// <summary>The check's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract checked.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>The contract's provider.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The contract's offering, if it is a rental of one.</summary>
    public Guid? OfferingId { get; private set; }

    /// <summary>When the check was made.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Who made it.</summary>
    public CheckSource Source { get; private set; }

    /// <summary>What it found.</summary>
    public HealthStatus Status { get; private set; }

    /// <summary>The slowest measured round trip of the check, if anything answered.</summary>
    public int? LatencyMs { get; private set; }

    /// <summary>Whether the service was healthy and answered within the response objective.</summary>
    public bool ResponseOk { get; private set; }

    /// <summary>What each probe found, for people.</summary>
    public string? Detail { get; private set; }

    /// <summary>A check the platform made itself.</summary>
    public static HealthCheck Platform(
        ContractId contractId, ProviderId providerId, Guid? offeringId, DateTimeOffset at, HealthStatus status, int? latencyMs, TimeSpan responseObjective, string? detail)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        ArgumentNullException.ThrowIfNull(providerId);
        var responseOk = status == HealthStatus.Healthy && latencyMs is { } ms && ms <= responseObjective.TotalMilliseconds;
        return new HealthCheck(contractId, providerId, offeringId, at, CheckSource.Platform, status, latencyMs, responseOk, detail);
    }

#pragma warning disable CS8618 // for the persistence mapper
    private HealthCheck()
    {
    }
#pragma warning restore CS8618
}
