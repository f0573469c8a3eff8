using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// A contract measured below its offering's SLA target over the last 24 hours, as detected in one UTC hour: at most one
/// per contract and hour (a unique index holds it), so at most one alert per contract per hour.
/// </summary>
public sealed class SlaBreach : AggregateRoot
{
    private SlaBreach(ContractId contractId, ProviderId providerId, Guid? offeringId, DateTimeOffset hour, decimal uptimePercent, decimal targetPercent, DateTimeOffset detectedAt)
    {
        Id = Guid.NewGuid();
        ContractId = contractId;
        ProviderId = providerId;
        OfferingId = offeringId;
        Hour = hour;
        UptimePercent = uptimePercent;
        TargetPercent = targetPercent;
        DetectedAt = detectedAt;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The contract.</summary>
    public ContractId ContractId { get; private set; }

    /// <summary>Its provider.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Its offering, if any.</summary>
    public Guid? OfferingId { get; private set; }

    /// <summary>The UTC hour the breach was detected in (the alert's de-duplication key with the contract).</summary>
    public DateTimeOffset Hour { get; private set; }

    /// <summary>The measured uptime over the 24 hours before detection.</summary>
    public decimal UptimePercent { get; private set; }

    /// <summary>The target it missed.</summary>
    public decimal TargetPercent { get; private set; }

    /// <summary>When it was detected.</summary>
    public DateTimeOffset DetectedAt { get; private set; }

    /// <summary>
    /// The breach of a contract whose 24-hour uptime <paramref name="day"/> is below <paramref name="targetPercent"/>, or
    /// <c>null</c> when it meets it or has no decided check. Raises <see cref="SlaBreached"/>.
    /// </summary>
    public static SlaBreach? Detect(ContractId contractId, ProviderId providerId, Guid? offeringId, UptimeWindow day, decimal targetPercent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (day.Percent is not { } uptime || uptime >= targetPercent)
        {
            return null;
        }

        var breach = new SlaBreach(contractId, providerId, offeringId, HealthRollup.HourOf(now), uptime, targetPercent, now);
        breach.Raise(new SlaBreached(contractId, providerId, offeringId, uptime, targetPercent, now));
        return breach;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private SlaBreach()
    {
    }
#pragma warning restore CS8618
}

/// <summary>A contract fell below its SLA target over the last 24 hours (raised at most once per contract per hour).</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="ProviderId">Its provider.</param>
/// <param name="OfferingId">Its offering, if any.</param>
/// <param name="UptimePercent">The measured 24-hour uptime.</param>
/// <param name="TargetPercent">The target it missed.</param>
/// <param name="OccurredAt">When it was detected.</param>
public sealed record SlaBreached(ContractId ContractId, ProviderId ProviderId, Guid? OfferingId, decimal UptimePercent, decimal TargetPercent, DateTimeOffset OccurredAt) : IDomainEvent;
