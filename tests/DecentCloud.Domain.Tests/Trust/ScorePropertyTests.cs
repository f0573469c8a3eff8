using CsCheck;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Domain.Tests.Trust;

/// <summary>Clamping and monotonicity of the scores over generated providers.</summary>
public class ScorePropertyTests
{
    private static readonly DateTimeOffset Now = Outcomes.Now;
    private static readonly Guid[] Accounts = [.. Enumerable.Range(1, 5).Select(i => new Guid(i, 0, 0, new byte[8]))];

    private static readonly Gen<ContractOutcome> Contract =
        Gen.Select(
            Gen.Enum<ContractState>(),
            Gen.Int[0, 4],
            Gen.Long[0, 400 * 3600],
            Gen.Long[0, 200 * 3600].Nullable(),
            Gen.Long[0, 6_000_000_000_000].Nullable(),
            Gen.Bool.Nullable(),
            Gen.Bool.Nullable(),
            Gen.Long[0, 60 * 86400])
        .Select((state, account, ageSeconds, responseSeconds, price, matched, again, termSeconds) =>
        {
            var created = Now.AddDays(-30).AddSeconds(-ageSeconds);
            var accepted = state is ContractState.Requested or ContractState.Pending or ContractState.Rejected or ContractState.Expired ? (DateTimeOffset?)null : created.AddHours(1);
            var provisioned = state is ContractState.Provisioned or ContractState.Active or ContractState.Paused or ContractState.Completed ? created.AddHours(2) : (DateTimeOffset?)null;
            return new ContractOutcome(Guid.NewGuid().ToString("N"), Outcomes.Provider, Accounts[account], null, state, created,
                responseSeconds is null ? null : created.AddSeconds(responseSeconds.Value), accepted, provisioned, termSeconds, null,
                state.IsTerminal() ? created.AddDays(3) : null, price, matched, again);
        });

    private static readonly Gen<TrustInputs> Trust =
        Gen.Select(Contract.Array[0, 40], Gen.Bool, Gen.Int[0, 20].Nullable(), Gen.Int[-100, 50].Array[0, 5])
        .Select((contracts, contact, daysSilent, reputation) => new TrustInputs(contracts, Now, contact,
            daysSilent is null ? null : Now.AddDays(-daysSilent.Value), [.. reputation.Select((p, i) => new ReputationChange(Now.AddDays(-i * 20), p))]));

    private static readonly Gen<SlaDay> Day =
        Gen.Select(Gen.Int[900, 1000], Gen.Int[0, 1000], Gen.Int[0, 100], Gen.Int[0, 10])
        .Select((target, uptime, response, incidents) => new SlaDay("c", new DateOnly(2026, 11, 1), target / 10m, uptime / 10m, response, incidents));

    [Fact]
    public void The_trust_score_stays_within_0_and_100_and_exists_only_with_a_completed_contract() =>
        Trust.Sample(inputs =>
        {
            var score = TrustCalculator.Compute(inputs);
            var completed = inputs.Contracts.Any(c => c.State == ContractState.Completed);
            return completed
                ? score.Score is >= 0 and <= 100 && score.Tier == TrustTiers.Of(score.Score.Value)
                : score.NotEnoughData && score.Tier is null;
        });

    [Fact]
    public void A_further_loss_of_reputation_or_a_missing_contact_never_raises_the_trust_score() =>
        Trust.Where(i => i.Contracts.Any(c => c.State == ContractState.Completed)).Sample(inputs =>
        {
            var score = TrustCalculator.Compute(inputs).Score;
            var worse = TrustCalculator.Compute(inputs with { ReputationChanges = [.. inputs.ReputationChanges, new ReputationChange(Now, -60)] }).Score;
            var noContact = TrustCalculator.Compute(inputs with { HasPublicContact = false }).Score;
            return worse <= score && noContact <= score;
        });

    [Fact]
    public void The_reliability_score_stays_within_0_and_100_and_the_sla_penalty_within_0_and_45() =>
        Gen.Select(Contract.Array[0, 40], Gen.Long[0, 10_000], Gen.Long[0, 10_000], Day.Array[0, 60])
            .Sample((contracts, healthy, unhealthy, days) =>
            {
                var score = ReliabilityCalculator.Compute(new ReliabilityInputs(contracts, new UptimeWindow(healthy, healthy + unhealthy), days));
                return score.Score is >= 0m and <= 100m && score.SlaPenalty is >= 0m and <= 45m;
            });

    [Fact]
    public void Lower_uptime_on_a_day_never_lowers_its_penalty() =>
        Gen.Select(Day, Gen.Int[0, 100]).Sample((day, drop) =>
        {
            var worse = day with { UptimePercent = Math.Max(0, day.UptimePercent - drop / 10m) };
            return ReliabilityCalculator.BreachedDayPenalty(worse) >= ReliabilityCalculator.BreachedDayPenalty(day);
        });

    [Fact]
    public void A_further_healthy_check_never_lowers_the_reliability_score_once_there_are_3_checks() =>
        Gen.Select(Contract.Array[0, 20], Gen.Long[0, 1000], Gen.Long[3, 1000], Day.Array[0, 30])
            .Sample((contracts, healthy, total, days) =>
            {
                healthy = Math.Min(healthy, total);
                var before = ReliabilityCalculator.Compute(new ReliabilityInputs(contracts, new UptimeWindow(healthy, total), days));
                var after = ReliabilityCalculator.Compute(new ReliabilityInputs(contracts, new UptimeWindow(healthy + 1, total + 1), days));
                return after.Score >= before.Score;
            });

    [Fact]
    public void A_further_breached_day_of_the_same_severity_never_lowers_the_sla_penalty() =>
        Gen.Select(Day.Array[1, 40], Day).Sample((days, extra) =>
        {
            var worst = days.Where(d => d.IsBreached).Select(ReliabilityCalculator.BreachedDayPenalty).DefaultIfEmpty(0).Max();
            if (!extra.IsBreached || ReliabilityCalculator.BreachedDayPenalty(extra) < worst)
            {
                return true;
            }

            return ReliabilityCalculator.SlaPenalty([.. days, extra]) >= ReliabilityCalculator.SlaPenalty(days) - 1e-9;
        });
}
