using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using DecentCloud.Domain.Trust;
using static DecentCloud.Domain.Tests.Trust.Outcomes;

namespace DecentCloud.Domain.Tests.Trust;

/// <summary>The reliability score and its SLA penalty, with the spec's worked example.</summary>
public class ReliabilityCalculatorTests
{
    private static readonly DateOnly Day0 = new(2026, 11, 1);

    private static SlaDay Met(int i) => new("c", Day0.AddDays(i), 99.9m, 100m, 100m, 0);

    private static IReadOnlyList<SlaDay> Month(SlaDay breached, int samples = 30) => [breached, .. Enumerable.Range(1, samples - 1).Select(Met)];

    [Fact]
    public void The_worked_example_costs_about_21_3()
    {
        // Target 99.9, uptime 99.0, response 95, 2 incidents, 1 breached day in 30.
        var day = new SlaDay("c", Day0, 99.9m, 99.0m, 95m, 2);
        var expectedDay = 12 * Math.Log(1 + 0.9 / 0.1) + 0.5 + 1.5;
        Assert.Equal(expectedDay, ReliabilityCalculator.BreachedDayPenalty(day), 9);
        var penalty = ReliabilityCalculator.SlaPenalty(Month(day));
        Assert.Equal(0.7 * expectedDay + 18.0 / 30, penalty, 9);
        Assert.Equal(21.3, Math.Round(penalty, 1));
        Assert.Equal(21.34m, ReliabilityCalculator.Compute(new ReliabilityInputs([], UptimeWindow.Empty, Month(day))).SlaPenalty);
    }

    [Fact]
    public void No_breached_day_means_no_penalty() =>
        Assert.Equal(0, ReliabilityCalculator.SlaPenalty([.. Enumerable.Range(0, 30).Select(Met)]));

    [Theory]
    [InlineData(99.899, true)]
    [InlineData(99.9, false)]
    [InlineData(99.901, false)]
    public void A_day_is_breached_only_below_its_target(double uptime, bool breached)
    {
        var day = new SlaDay("c", Day0, 99.9m, (decimal)uptime, 100m, 0);
        Assert.Equal(breached, day.IsBreached);
        Assert.Equal(breached, ReliabilityCalculator.BreachedDayPenalty(day) > 0);
    }

    [Theory]
    [InlineData(99.9, 0.1)]
    [InlineData(99.95, 0.05)]
    [InlineData(99.96, 0.05)]
    [InlineData(100, 0.05)]
    public void The_error_budget_is_at_least_0_05(double target, double budget)
    {
        var day = new SlaDay("c", Day0, (decimal)target, (decimal)target - 1m, 100m, 0);
        Assert.Equal(12 * Math.Log(1 + 1 / budget), ReliabilityCalculator.BreachedDayPenalty(day), 6);
    }

    [Theory]
    [InlineData(61, 3.9)]
    [InlineData(60, 4.0)]
    [InlineData(59, 4.0)]
    public void The_response_part_is_capped_at_4(double response, double part)
    {
        var day = new SlaDay("c", Day0, 99m, 98m, (decimal)response, 0);
        Assert.Equal(12 * Math.Log(2) + part, ReliabilityCalculator.BreachedDayPenalty(day), 6);
    }

    [Theory]
    [InlineData(3, 2.25)]
    [InlineData(4, 3.0)]
    [InlineData(5, 3.0)]
    public void The_incident_part_counts_at_most_4_incidents(int incidents, double part)
    {
        var day = new SlaDay("c", Day0, 99m, 98m, 100m, incidents);
        Assert.Equal(12 * Math.Log(2) + part, ReliabilityCalculator.BreachedDayPenalty(day), 6);
    }

    [Theory]
    [InlineData(5, 0.2)]
    [InlineData(6, 0.2)]
    [InlineData(7, 7 / 30.0)]
    [InlineData(29, 29 / 30.0)]
    [InlineData(30, 1.0)]
    [InlineData(31, 1.0)]
    public void The_breach_rate_weighs_by_samples_over_30_between_0_2_and_1(int samples, double weight)
    {
        var day = new SlaDay("c", Day0, 99m, 98.99m, 100m, 0);
        var expected = 0.7 * ReliabilityCalculator.BreachedDayPenalty(day) + 18.0 / samples * weight;
        Assert.Equal(expected, ReliabilityCalculator.SlaPenalty(Month(day, samples)), 9);
    }

    [Fact]
    public void The_penalty_is_capped_at_45()
    {
        var awful = Enumerable.Range(0, 30).Select(i => new SlaDay("c", Day0.AddDays(i), 99.99m, 0m, 0m, 10)).ToList();
        Assert.Equal(45, ReliabilityCalculator.SlaPenalty(awful));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(2, 50)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    public void Fewer_than_3_checks_count_as_uptime_50(long unhealthyChecks, decimal uptime)
    {
        var score = ReliabilityCalculator.Compute(new ReliabilityInputs([], new UptimeWindow(0, unhealthyChecks), []));
        Assert.Equal(0.40m * uptime, score.Factors.Single(f => f.Code == "uptime").Points);
        Assert.Equal(0.40m * uptime + 35m + 25m, score.Score);
    }

    [Fact]
    public void The_score_weighs_uptime_completion_and_response()
    {
        // 4 completed, 1 active, 2 rejected, 1 cancelled: completion 4 / (8 - 1), response (8 - 2) / 8; uptime 90 of 100.
        ContractOutcome[] contracts =
        [
            .. Many(4, () => Completed()), Of(ContractState.Active), .. Many(2, () => Of(ContractState.Rejected)), Of(ContractState.Cancelled),
        ];
        var score = ReliabilityCalculator.Compute(new ReliabilityInputs(contracts, new UptimeWindow(90, 100), []));
        var expected = 0.40m * 90m + 0.35m * (100m * 4 / 7) + 0.25m * 75m;
        Assert.Equal(Math.Round(expected, 2), score.Score);
        Assert.Equal(["uptime", "completion", "response"], score.Factors.Select(f => f.Code));
        Assert.Equal(36m, score.Factors[0].Points);
        Assert.Equal(20m, score.Factors[1].Points);
        Assert.Equal(18.75m, score.Factors[2].Points);
    }

    [Fact]
    public void Only_cancellations_count_completion_as_100_and_the_sla_penalty_is_a_factor()
    {
        var day = new SlaDay("c", Day0, 99.9m, 99.0m, 95m, 2);
        var score = ReliabilityCalculator.Compute(new ReliabilityInputs([Of(ContractState.Cancelled)], new UptimeWindow(100, 100), Month(day)));
        // uptime 100, completion 100 (no base), response 100, minus 21.34.
        Assert.Equal(100m - 21.34m, score.Score);
        var sla = score.Factors.Single(f => f.Code == "sla_penalty");
        Assert.Equal(-21.34m, sla.Points);
        Assert.Equal(FactorSeverity.Warning, sla.Severity);
    }

    [Fact]
    public void The_score_never_goes_below_zero()
    {
        var awful = Enumerable.Range(0, 30).Select(i => new SlaDay("c", Day0.AddDays(i), 99.99m, 0m, 0m, 10)).ToList();
        var score = ReliabilityCalculator.Compute(new ReliabilityInputs([.. Many(10, () => Of(ContractState.Rejected))], new UptimeWindow(0, 100), awful));
        // 0.40 x 0 + 0.35 x 0 + 0.25 x 0 - 45.
        Assert.Equal(0m, score.Score);
        Assert.Equal(45m, score.SlaPenalty);
    }
}
