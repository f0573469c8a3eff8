using System.Globalization;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Domain.Trust;

/// <summary>Everything the reliability score reads about one provider.</summary>
/// <param name="Contracts">Every contract of the provider, from every source (live and archived).</param>
/// <param name="Uptime">The provider's health checks over the last 30 days.</param>
/// <param name="SlaDays">The provider's measured SLA days (contract x UTC day) over the last 30 days.</param>
public sealed record ReliabilityInputs(IReadOnlyList<ContractOutcome> Contracts, UptimeWindow Uptime, IReadOnlyList<SlaDay> SlaDays);

/// <summary>A provider's reliability score.</summary>
/// <param name="Score">0-100, two decimals.</param>
/// <param name="SlaPenalty">The SLA penalty subtracted (0-45).</param>
/// <param name="Factors">The three weighted components and the SLA penalty, each with its reason.</param>
public sealed record ReliabilityScore(decimal Score, decimal SlaPenalty, IReadOnlyList<TrustFactor> Factors);

/// <summary>
/// The reliability score exactly as the spec defines it:
/// <c>0.40 x uptime + 0.35 x completion + 0.25 x response - SLA penalty</c>, clamped to [0, 100].
/// </summary>
public static class ReliabilityCalculator
{
    /// <summary>Fewer health checks than this count as uptime 50.</summary>
    public const int MinimumChecks = 3;

    /// <summary>The SLA penalty's ceiling.</summary>
    public const double MaxSlaPenalty = 45;

    /// <summary>Computes the score.</summary>
    public static ReliabilityScore Compute(ReliabilityInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var all = inputs.Contracts;
        var total = all.Count;
        var cancelled = all.Count(c => c.State == ContractState.Cancelled);
        var completed = all.Count(c => c.State == ContractState.Completed);
        var rejected = all.Count(c => c.State == ContractState.Rejected);

        var uptime = inputs.Uptime.Total < MinimumChecks ? 50m : 100m * inputs.Uptime.Healthy / inputs.Uptime.Total;
        var completion = total - cancelled == 0 ? 100m : 100m * completed / (total - cancelled);
        // The spec leaves response without requests undefined; like completion, no evidence counts as nothing wrong.
        var response = total == 0 ? 100m : 100m * (total - rejected) / total;
        var penalty = Round((decimal)SlaPenalty(inputs.SlaDays));

        var factors = new List<TrustFactor>
        {
            new("uptime", inputs.Uptime.Total < MinimumChecks
                    ? $"Fewer than {MinimumChecks} health checks in 30 days: uptime counts as 50 %."
                    : $"{inputs.Uptime.Healthy} of {inputs.Uptime.Total} health checks healthy in 30 days ({Text(uptime)} %), weight 0.40.",
                FactorSeverity.Info, Round(0.40m * uptime)),
            new("completion", total - cancelled == 0
                    ? "No contract that was not cancelled: completion counts as 100 %."
                    : $"{completed} of {total - cancelled} contracts not cancelled completed ({Text(completion)} %), weight 0.35.",
                FactorSeverity.Info, Round(0.35m * completion)),
            new("response", total == 0
                    ? "No request yet: response counts as 100 %."
                    : $"{total - rejected} of {total} requests not rejected ({Text(response)} %), weight 0.25.",
                FactorSeverity.Info, Round(0.25m * response)),
        };
        if (penalty > 0)
        {
            var breached = inputs.SlaDays.Count(d => d.IsBreached);
            factors.Add(new TrustFactor("sla_penalty",
                $"{breached} of {inputs.SlaDays.Count} measured contract-days missed their SLA target.", FactorSeverity.Warning, -penalty));
        }

        var score = Math.Clamp(0.40m * uptime + 0.35m * completion + 0.25m * response - penalty, 0m, 100m);
        return new ReliabilityScore(Round(score), penalty, factors);
    }

    /// <summary>
    /// The SLA penalty: <c>clamp(0.7 x mean breached-day penalty + 18 x breach rate x clamp(samples / 30, 0.2, 1), 0, 45)</c>,
    /// where samples are the measured days and the breach rate is breached days over samples.
    /// </summary>
    public static double SlaPenalty(IReadOnlyList<SlaDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var breached = days.Where(d => d.IsBreached).ToList();
        if (breached.Count == 0)
        {
            return 0;
        }

        var mean = breached.Average(BreachedDayPenalty);
        var rate = (double)breached.Count / days.Count;
        var confidence = Math.Clamp(days.Count / 30.0, 0.2, 1.0);
        return Math.Clamp(0.7 * mean + 18 * rate * confidence, 0, MaxSlaPenalty);
    }

    /// <summary>
    /// One breached day's penalty: <c>12 x ln(1 + shortfall / budget)</c> with <c>budget = max(100 - target, 0.05)</c>,
    /// plus <c>min((100 - response SLI) / 10, 4)</c>, plus <c>0.75 x min(incidents, 4)</c>; 0 for a day that met its target.
    /// </summary>
    public static double BreachedDayPenalty(SlaDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        if (!day.IsBreached)
        {
            return 0;
        }

        var budget = Math.Max(100 - (double)day.TargetPercent, 0.05);
        var shortfall = (double)(day.TargetPercent - day.UptimePercent);
        var severity = 12 * Math.Log(1 + shortfall / budget);
        var responsePart = Math.Min((100 - (double)day.ResponsePercent) / 10, 4);
        var incidentPart = 0.75 * Math.Min(day.Incidents, 4);
        return severity + responsePart + incidentPart;
    }

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
