using DecentCloud.Application.Quality;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Trust;

/// <summary>
/// Gathers a provider's inputs (every registered contract source concatenated, the facts, 30 days of checks and SLA
/// days) and runs both calculators: the one way scores are computed, by the job, the admin route and the read route.
/// </summary>
internal sealed class ProviderScoring(
    IEnumerable<IContractOutcomeSource> sources,
    IProviderTrustFactsReader facts,
    IUptimeReader uptime,
    ISlaDayReader slaDays)
{
    /// <summary>The window of checks and SLA days the reliability score reads.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(30);

    public async Task<ProviderScores> ComputeAsync(ProviderId providerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new List<ContractOutcome>();
        foreach (var source in sources)
        {
            outcomes.AddRange(await source.ReadAsync(providerId, cancellationToken));
        }

        var known = await facts.ReadAsync(providerId, cancellationToken);
        var figures = await uptime.ForProviderAsync(providerId, now, cancellationToken);
        var days = await slaDays.ReadAsync(providerId, DateOnly.FromDateTime((now - Window).UtcDateTime), cancellationToken);
        var trust = TrustCalculator.Compute(new TrustInputs(outcomes, now, known.HasPublicContact, known.LastActivityAt, known.ReputationChanges));
        var reliability = ReliabilityCalculator.Compute(new ReliabilityInputs(outcomes, figures.Month, days));
        return new ProviderScores(providerId, trust, reliability, now);
    }
}
