using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Quality;

/// <summary>
/// What a provider says its offering achieved on one UTC day: shown beside the measured figures, never used for them;
/// a large gap between the two is itself a red flag. One per offering and day (a new submission replaces it).
/// </summary>
public sealed class SelfReportedSli
{
    private SelfReportedSli(ProviderId providerId, Guid offeringId, DateOnly day, decimal uptimePercent, decimal responsePercent, int incidents, DateTimeOffset submittedAt)
    {
        Id = Guid.NewGuid();
        ProviderId = providerId;
        OfferingId = offeringId;
        Day = day;
        UptimePercent = uptimePercent;
        ResponsePercent = responsePercent;
        Incidents = incidents;
        SubmittedAt = submittedAt;
    }

    /// <summary>The row's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The provider that reported.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>The offering reported on.</summary>
    public Guid OfferingId { get; private set; }

    /// <summary>The UTC day reported on.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>Claimed uptime (0-100).</summary>
    public decimal UptimePercent { get; private set; }

    /// <summary>Claimed response SLI (0-100).</summary>
    public decimal ResponsePercent { get; private set; }

    /// <summary>Claimed incidents that day.</summary>
    public int Incidents { get; private set; }

    /// <summary>When it was (last) submitted.</summary>
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>Validates a report, naming every bad field: percentages 0-100, incidents 0-10000, a day not in the future nor older than 90 days.</summary>
    public static Result<SelfReportedSli> Create(ProviderId providerId, Guid offeringId, DateOnly day, decimal uptimePercent, decimal responsePercent, int incidents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var errors = Check(day, uptimePercent, responsePercent, incidents, now);
        return errors.Count > 0
            ? Result.Fail<SelfReportedSli>(errors)
            : new SelfReportedSli(providerId, offeringId, day, uptimePercent, responsePercent, incidents, now);
    }

    /// <summary>Replaces the figures with a newer submission for the same day.</summary>
    public Result Replace(decimal uptimePercent, decimal responsePercent, int incidents, DateTimeOffset now)
    {
        var errors = Check(Day, uptimePercent, responsePercent, incidents, now);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        UptimePercent = uptimePercent;
        ResponsePercent = responsePercent;
        Incidents = incidents;
        SubmittedAt = now;
        return Result.Ok();
    }

    private static List<IError> Check(DateOnly day, decimal uptimePercent, decimal responsePercent, int incidents, DateTimeOffset now)
    {
        var errors = new List<IError>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (day > today || day < today.AddDays(-90))
        {
            errors.Add(DomainError.Invalid("invalid_day", "day must be a UTC day within the last 90 days, not in the future."));
        }

        if (uptimePercent is < 0 or > 100)
        {
            errors.Add(DomainError.Invalid("invalid_uptime_percent", "uptimePercent must be 0-100."));
        }

        if (responsePercent is < 0 or > 100)
        {
            errors.Add(DomainError.Invalid("invalid_response_percent", "responsePercent must be 0-100."));
        }

        if (incidents is < 0 or > 10_000)
        {
            errors.Add(DomainError.Invalid("invalid_incidents", "incidents must be 0-10000."));
        }

        return errors;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private SelfReportedSli()
    {
    }
#pragma warning restore CS8618
}
