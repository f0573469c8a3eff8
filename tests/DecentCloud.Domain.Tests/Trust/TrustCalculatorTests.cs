using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using static DecentCloud.Domain.Tests.Trust.Outcomes;

namespace DecentCloud.Domain.Tests.Trust;

/// <summary>Every penalty and bonus of the trust score one below, at and one above its threshold.</summary>
public class TrustCalculatorTests
{
    private static TrustScore Score(IEnumerable<ContractOutcome> contracts) => TrustCalculator.Compute(Inputs(contracts));

    private static void AssertFactor(TrustScore score, string code, bool fires, int points, FactorSeverity severity)
    {
        var factor = score.Factor(code);
        if (!fires)
        {
            Assert.Null(factor);
            return;
        }

        Assert.NotNull(factor);
        Assert.Equal(points, factor.Points);
        Assert.Equal(severity, factor.Severity);
        Assert.False(string.IsNullOrWhiteSpace(factor.Reason));
    }

    private static ContractOutcome Cancelled(bool early) => Of(ContractState.Cancelled) with
    {
        ProvisionedAt = Now.AddDays(-40),
        EndedAt = Now.AddDays(-40) + (early ? TimeSpan.FromDays(1) : TimeSpan.FromDays(20)),
    };

    [Theory]
    [InlineData(19, false)]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void Early_cancellations_above_20_percent_of_cancellations_cost_25_critical(int early, bool fires)
    {
        var score = Score([Completed(), .. Many(early, () => Cancelled(true)), .. Many(100 - early, () => Cancelled(false))]);
        AssertFactor(score, "early_cancellations", fires, -25, FactorSeverity.Critical);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, true)]
    [InlineData(1, false)]
    public void A_cancellation_is_early_up_to_and_including_10_percent_of_the_term(int offsetSeconds, bool early)
    {
        var start = Now.AddDays(-40);
        var contract = Of(ContractState.Cancelled) with
        {
            ProvisionedAt = start,
            TermSeconds = 30 * 86400,
            EndedAt = start + TimeSpan.FromDays(3) + TimeSpan.FromSeconds(offsetSeconds),
        };
        Assert.Equal(early, TrustCalculator.IsEarlyCancellation(contract));
    }

    [Fact]
    public void A_cancellation_before_provisioning_is_measured_from_the_request()
    {
        var contract = Of(ContractState.Cancelled) with { TermSeconds = 30 * 86400, EndedAt = Now.AddDays(-60).AddDays(2) };
        Assert.True(TrustCalculator.IsEarlyCancellation(contract));
        Assert.False(TrustCalculator.IsEarlyCancellation(contract with { EndedAt = Now.AddDays(-60).AddDays(4) }));
    }

    private static ContractOutcome Accepted(bool failed) => Of(ContractState.Completed) with
    {
        AcceptedAt = Now.AddDays(-50),
        ProvisionedAt = Now.AddDays(-50) + (failed ? TimeSpan.FromHours(80) : TimeSpan.FromHours(1)),
    };

    [Theory]
    [InlineData(14, false)]
    [InlineData(15, false)]
    [InlineData(16, true)]
    public void Provisioning_failures_above_15_percent_of_accepted_contracts_cost_20_critical(int failed, bool fires)
    {
        var score = Score([.. Many(failed, () => Accepted(true)), .. Many(100 - failed, () => Accepted(false))]);
        AssertFactor(score, "provisioning_failures", fires, -20, FactorSeverity.Critical);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_machine_later_than_72_hours_after_acceptance_is_a_provisioning_failure(int offsetSeconds, bool failure)
    {
        var accepted = Now.AddDays(-10);
        var contract = Of(ContractState.Active) with { AcceptedAt = accepted, ProvisionedAt = accepted.AddHours(72).AddSeconds(offsetSeconds) };
        Assert.Equal(failure, TrustCalculator.IsProvisioningFailure(contract, Now));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void An_accepted_contract_still_without_a_machine_fails_once_72_hours_have_passed(int offsetSeconds, bool failure)
    {
        var contract = Of(ContractState.Provisioning) with { AcceptedAt = Now.AddHours(-72).AddSeconds(-offsetSeconds) };
        Assert.Equal(failure, TrustCalculator.IsProvisioningFailure(contract, Now));
    }

    [Fact]
    public void A_failed_provisioning_fails_at_once_and_a_user_cancellation_before_the_deadline_does_not()
    {
        var accepted = Now.AddHours(-2);
        Assert.True(TrustCalculator.IsProvisioningFailure(Of(ContractState.ProvisioningFailed) with { AcceptedAt = accepted, EndedAt = Now }, Now));
        Assert.False(TrustCalculator.IsProvisioningFailure(Of(ContractState.Cancelled) with { AcceptedAt = Now.AddDays(-9), EndedAt = Now.AddDays(-8) }, Now));
        Assert.True(TrustCalculator.IsProvisioningFailure(Of(ContractState.Cancelled) with { AcceptedAt = Now.AddDays(-9), EndedAt = Now.AddDays(-5) }, Now));
        Assert.False(TrustCalculator.IsProvisioningFailure(Of(ContractState.Rejected), Now));
    }

    [Theory]
    [InlineData(29, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void Rejections_above_30_percent_of_requests_cost_15_critical(int rejected, bool fires)
    {
        var score = Score([Completed(), .. Many(rejected, () => Of(ContractState.Rejected)), .. Many(99 - rejected, () => Of(ContractState.Expired))]);
        AssertFactor(score, "rejections", fires, -15, FactorSeverity.Critical);
    }

    private static ContractOutcome Answered(TimeSpan after) => Completed() with { ProviderRespondedAt = Now.AddDays(-60) + after };

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void An_average_response_over_48_hours_costs_15_warning(int offsetSeconds, bool fires)
    {
        // Two answers averaging 48 h +/- 1 s: one fast, one slow.
        var score = Score([Answered(TimeSpan.FromHours(1)), Answered(TimeSpan.FromHours(95).Add(TimeSpan.FromSeconds(2 * offsetSeconds)))]);
        AssertFactor(score, "slow_response", fires, -15, FactorSeverity.Warning);
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(0, false)]
    [InlineData(1, false)]
    public void An_average_response_under_4_hours_earns_5(int offsetSeconds, bool fires)
    {
        var score = Score([Answered(TimeSpan.FromHours(4).Add(TimeSpan.FromSeconds(offsetSeconds)))]);
        AssertFactor(score, "fast_response", fires, 5, FactorSeverity.Bonus);
    }

    [Fact]
    public void Unanswered_requests_do_not_enter_the_average_response()
    {
        var score = Score([Answered(TimeSpan.FromHours(1)), Of(ContractState.Expired) with { ProviderRespondedAt = null }]);
        Assert.Equal(TimeSpan.FromHours(1), TrustCalculator.AverageResponse([Answered(TimeSpan.FromHours(1)), Of(ContractState.Expired) with { ProviderRespondedAt = null }]));
        AssertFactor(score, "fast_response", true, 5, FactorSeverity.Bonus);
    }

    [Theory]
    [InlineData(-49, false)]
    [InlineData(-50, false)]
    [InlineData(-51, true)]
    public void Negative_reputation_changes_below_minus_50_in_90_days_cost_15(int sum, bool fires)
    {
        var inputs = Inputs([Completed()]) with
        {
            ReputationChanges = [new(Now.AddDays(-89), sum + 10), new(Now.AddDays(-1), -10), new(Now.AddDays(-2), 40), new(Now.AddDays(-91), -500)],
        };
        AssertFactor(TrustCalculator.Compute(inputs), "reputation_loss", fires, -15, FactorSeverity.Warning);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Active_contracts_with_no_activity_for_over_7_days_cost_10_ghost(int offsetSeconds, bool fires)
    {
        var inputs = Inputs([Completed(), Of(ContractState.Active)]) with { LastActivityAt = Now.AddDays(-7).AddSeconds(-offsetSeconds) };
        AssertFactor(TrustCalculator.Compute(inputs), "ghost", fires, -10, FactorSeverity.Warning);
    }

    [Fact]
    public void Silence_without_active_contracts_is_no_ghost_and_a_provider_never_seen_with_one_is()
    {
        Assert.Null(TrustCalculator.Compute(Inputs([Completed()]) with { LastActivityAt = null }).Factor("ghost"));
        Assert.NotNull(TrustCalculator.Compute(Inputs([Completed(), Of(ContractState.Active)]) with { LastActivityAt = null }).Factor("ghost"));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void Requests_stuck_over_72_hours_worth_over_5000_dollars_cost_10(long offsetNanoUsd, bool fires)
    {
        var stuck = Of(ContractState.Requested) with { CreatedAt = Now.AddHours(-73), PriceNanoUsd = TrustCalculator.StuckValueNanoUsd - 1_000_000_000 + offsetNanoUsd };
        var other = Of(ContractState.Pending) with { CreatedAt = Now.AddHours(-100), PriceNanoUsd = 1_000_000_000 };
        AssertFactor(Score([Completed(), stuck, other]), "stuck_requests", fires, -10, FactorSeverity.Warning);
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_request_counts_as_stuck_only_after_72_hours(int offsetSeconds, bool fires)
    {
        var stuck = Of(ContractState.Pending) with { CreatedAt = Now.AddHours(-72).AddSeconds(-offsetSeconds), PriceNanoUsd = 2 * TrustCalculator.StuckValueNanoUsd };
        AssertFactor(Score([Completed(), stuck]), "stuck_requests", fires, -10, FactorSeverity.Warning);
    }

    [Fact]
    public void No_public_contact_costs_10()
    {
        AssertFactor(TrustCalculator.Compute(Inputs([Completed()]) with { HasPublicContact = false }), "no_public_contact", true, -10, FactorSeverity.Warning);
        AssertFactor(TrustCalculator.Compute(Inputs([Completed()])), "no_public_contact", false, 0, FactorSeverity.Warning);
    }

    private static IEnumerable<ContractOutcome> Feedback(int yes, int no, bool rentAgain) =>
        [.. Many(yes, () => Completed() with { WouldRentAgain = rentAgain ? true : null, MatchedDescription = rentAgain ? null : true }),
         .. Many(no, () => Completed() with { WouldRentAgain = rentAgain ? false : null, MatchedDescription = rentAgain ? null : false })];

    [Theory]
    [InlineData(49, true)]
    [InlineData(50, false)]
    [InlineData(51, false)]
    public void Would_rent_again_under_50_percent_costs_15(int yes, bool fires) =>
        AssertFactor(Score(Feedback(yes, 100 - yes, rentAgain: true)), "would_not_rent_again", fires, -15, FactorSeverity.Warning);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Would_rent_again_needs_3_feedbacks(int count, bool fires) =>
        AssertFactor(Score(Feedback(0, count, rentAgain: true)), "would_not_rent_again", fires, -15, FactorSeverity.Warning);

    [Theory]
    [InlineData(49, true)]
    [InlineData(50, false)]
    [InlineData(51, false)]
    public void Matched_description_under_50_percent_costs_10(int yes, bool fires) =>
        AssertFactor(Score(Feedback(yes, 100 - yes, rentAgain: false)), "not_as_described", fires, -10, FactorSeverity.Warning);

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Matched_description_needs_3_feedbacks(int count, bool fires) =>
        AssertFactor(Score(Feedback(0, count, rentAgain: false)), "not_as_described", fires, -10, FactorSeverity.Warning);

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void More_than_10_repeat_customers_earn_5(int repeat, bool fires)
    {
        var contracts = Enumerable.Range(0, repeat).SelectMany(_ =>
        {
            var account = Guid.NewGuid();
            return new[] { Completed(account), Completed(account) };
        });
        // A customer whose second request never got a machine is not a repeat customer.
        var once = Guid.NewGuid();
        AssertFactor(Score([.. contracts, Completed(once), Of(ContractState.Rejected, once)]), "repeat_customers", fires, 5, FactorSeverity.Bonus);
    }

    [Theory]
    [InlineData(94, false)]
    [InlineData(95, false)]
    [InlineData(96, true)]
    public void Completion_above_95_percent_earns_5(int completed, bool fires) =>
        // Cancellations are outside the completion base: 7 of them change nothing.
        AssertFactor(Score([.. Many(completed, () => Completed()), .. Many(100 - completed, () => Of(ContractState.Expired)), .. Many(7, () => Cancelled(false))]),
            "high_completion", fires, 5, FactorSeverity.Bonus);

    [Theory]
    [InlineData(79, false)]
    [InlineData(80, false)]
    [InlineData(81, true)]
    public void Would_rent_again_above_80_percent_earns_5(int yes, bool fires) =>
        AssertFactor(Score(Feedback(yes, 100 - yes, rentAgain: true)), "would_rent_again", fires, 5, FactorSeverity.Bonus);

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(6, true)]
    public void Would_rent_again_bonus_needs_5_feedbacks(int count, bool fires) =>
        AssertFactor(Score(Feedback(count, 0, rentAgain: true)), "would_rent_again", fires, 5, FactorSeverity.Bonus);

    [Fact]
    public void No_completed_contract_means_not_enough_data_but_the_reasons_are_still_given()
    {
        var score = Score([.. Many(5, () => Of(ContractState.Rejected)), Of(ContractState.Active)]);
        Assert.True(score.NotEnoughData);
        Assert.Null(score.Score);
        Assert.Null(score.Tier);
        Assert.NotNull(score.Factor("rejections"));

        Assert.True(Score([]).NotEnoughData);
        var first = Score([Completed()]);
        Assert.False(first.NotEnoughData);
        Assert.Equal(100, first.Score);
    }

    [Fact]
    public void Penalties_subtract_from_100_and_bonuses_add()
    {
        // 1 completed, 1 rejected of 2 (50 % > 30 %): -15; completion 1 of 2 (no bonus); no contact: -10.
        var score = TrustCalculator.Compute(Inputs([Completed(), Of(ContractState.Rejected)]) with { HasPublicContact = false });
        Assert.Equal(75, score.Score);
        Assert.Equal(TrustTier.Caution, score.Tier);
    }
}

/// <summary>Clamping of the trust score and the one definition of its tiers.</summary>
public class TrustScoreClampingTests
{
    [Fact]
    public void Every_penalty_at_once_clamps_to_zero()
    {
        var now = Outcomes.Now;
        var early = Outcomes.Of(ContractState.Cancelled) with { EndedAt = now.AddDays(-60) };
        var failed = Outcomes.Of(ContractState.ProvisioningFailed) with { AcceptedAt = now.AddDays(-59) };
        var rejected = Outcomes.Of(ContractState.Rejected) with { ProviderRespondedAt = now.AddDays(-50) };
        var stuck = Outcomes.Of(ContractState.Requested) with { CreatedAt = now.AddDays(-5), ProviderRespondedAt = null, PriceNanoUsd = 6_000_000_000_000 };
        var unhappy = Outcomes.Many(3, () => Outcomes.Completed() with { WouldRentAgain = false, MatchedDescription = false, ProviderRespondedAt = now.AddDays(-50) });
        var inputs = new TrustInputs([early, failed, .. Outcomes.Many(4, () => rejected with { ContractId = Guid.NewGuid().ToString("N") }), stuck, Outcomes.Of(ContractState.Active), .. unhappy], now, false, now.AddDays(-30),
            [new ReputationChange(now.AddDays(-3), -80)]);
        var score = TrustCalculator.Compute(inputs);
        Assert.Equal(
            ["early_cancellations", "provisioning_failures", "rejections", "slow_response", "reputation_loss", "ghost", "stuck_requests", "no_public_contact", "would_not_rent_again", "not_as_described"],
            score.Factors.Select(f => f.Code));
        Assert.Equal(-145, score.Factors.Sum(f => f.Points));
        Assert.Equal(0, score.Score);
        Assert.Equal(TrustTier.HighRisk, score.Tier);
    }

    [Fact]
    public void Bonuses_on_a_clean_record_clamp_to_100()
    {
        var contracts = Enumerable.Range(0, 11).SelectMany(_ =>
        {
            var account = Guid.NewGuid();
            return new[] { Outcomes.Completed(account) with { WouldRentAgain = true }, Outcomes.Completed(account) with { ProviderRespondedAt = Outcomes.Now.AddDays(-60).AddHours(1) } };
        });
        var score = TrustCalculator.Compute(Outcomes.Inputs(contracts.Select(c => c with { ProviderRespondedAt = Outcomes.Now.AddDays(-60).AddHours(1) })));
        Assert.Equal(["repeat_customers", "high_completion", "fast_response", "would_rent_again"], score.Factors.Select(f => f.Code));
        Assert.Equal(100, score.Score);
    }

    [Theory]
    [InlineData(0, TrustTier.HighRisk)]
    [InlineData(59, TrustTier.HighRisk)]
    [InlineData(60, TrustTier.Caution)]
    [InlineData(61, TrustTier.Caution)]
    [InlineData(79, TrustTier.Caution)]
    [InlineData(80, TrustTier.Reliable)]
    [InlineData(81, TrustTier.Reliable)]
    [InlineData(100, TrustTier.Reliable)]
    public void Tiers_are_80_and_up_reliable_60_to_79_caution_below_60_high_risk(int score, TrustTier tier) =>
        Assert.Equal(tier, TrustTiers.Of(score));

    [Fact]
    public void Tier_wire_names_round_trip()
    {
        Assert.Equal(["reliable", "caution", "high_risk"], Enum.GetValues<TrustTier>().Select(t => t.ToWireName()));
        Assert.All(Enum.GetValues<TrustTier>(), t => Assert.Equal(t, TrustTiers.FromWireName(t.ToWireName())));
        Assert.Null(TrustTiers.FromWireName("unknown"));
    }
}
