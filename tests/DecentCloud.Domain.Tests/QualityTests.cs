using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;

namespace DecentCloud.Domain.Tests;

public class QualityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly ContractId Id = ContractId.FromHex(new string('c', 64)).Value;
    private static readonly ProviderId Provider = ProviderId.Create("prov-1").Value;

    [Theory]
    [InlineData(95, 100, 95.0, false)] // exactly at target: met
    [InlineData(94, 100, 95.0, true)]
    [InlineData(9989, 10000, 99.9, true)]
    [InlineData(999, 1000, 99.9, false)]
    [InlineData(0, 1, 95.0, true)]
    public void A_breach_is_below_the_target_and_never_at_it(long healthy, long total, double target, bool breached)
    {
        var breach = SlaBreach.Detect(Id, Provider, null, new UptimeWindow(healthy, total), (decimal)target, T0.AddMinutes(42));

        Assert.Equal(breached, breach is not null);
        if (breach is not null)
        {
            Assert.Equal(T0, breach.Hour);
            var raised = Assert.IsType<SlaBreached>(Assert.Single(breach.PendingEvents()));
            Assert.Equal((Id, (decimal)target, breach.UptimePercent), (raised.ContractId, raised.TargetPercent, raised.UptimePercent));
        }
    }

    [Fact]
    public void No_decided_check_is_no_breach()
    {
        Assert.Null(SlaBreach.Detect(Id, Provider, null, UptimeWindow.Empty, 95m, T0));
    }

    [Fact]
    public void An_incident_runs_from_its_first_unhealthy_check_to_the_healthy_one_that_ends_it()
    {
        var incident = HealthIncident.Open(Id, Provider, null, T0);
        incident.Extend(T0.AddMinutes(5));
        incident.Extend(T0.AddMinutes(10));

        Assert.True(incident.IsOpen);
        Assert.Equal(TimeSpan.FromMinutes(12), incident.Duration(T0.AddMinutes(12)));
        incident.Close(T0.AddMinutes(15));

        Assert.False(incident.IsOpen);
        Assert.Equal(3, incident.UnhealthyChecks);
        Assert.Equal(T0.AddMinutes(10), incident.LastUnhealthyAt);
        Assert.Equal(TimeSpan.FromMinutes(15), incident.Duration(T0.AddDays(1)));
        Assert.Throws<InvalidOperationException>(() => incident.Extend(T0.AddMinutes(20)));
        Assert.Throws<InvalidOperationException>(() => incident.Close(T0.AddMinutes(20)));
    }

    [Fact]
    public void A_probe_taken_late_keeps_its_cadence_and_one_taken_after_a_long_stop_starts_again_from_now()
    {
        var interval = TimeSpan.FromMinutes(5);
        var schedule = ProbeSchedule.Due(Id, T0);

        schedule.Take(T0.AddSeconds(50), interval);
        Assert.Equal(T0.AddMinutes(5), schedule.DueAt);
        schedule.Take(T0.AddMinutes(5), interval);
        Assert.Equal(T0.AddMinutes(10), schedule.DueAt);
        schedule.Take(T0.AddHours(2), interval);
        Assert.Equal(T0.AddHours(2).AddMinutes(5), schedule.DueAt);
        Assert.Equal(T0.AddHours(2), schedule.LastProbedAt);
    }

    [Theory]
    [InlineData(HealthStatus.Healthy, 1000, true)]
    [InlineData(HealthStatus.Healthy, 1001, false)]
    [InlineData(HealthStatus.Unhealthy, 10, false)]
    [InlineData(HealthStatus.Unknown, null, false)]
    public void A_check_counts_toward_the_response_sli_only_when_healthy_within_the_objective(HealthStatus status, int? latency, bool responseOk)
    {
        var check = HealthCheck.Platform(Id, Provider, null, T0, status, latency, TimeSpan.FromSeconds(1), new string('x', 600));

        Assert.Equal(responseOk, check.ResponseOk);
        Assert.Equal(HealthCheck.MaxDetailLength, check.Detail!.Length);
    }

    [Theory]
    [InlineData("healthy", HealthStatus.Unhealthy, true)]
    [InlineData("unhealthy", HealthStatus.Healthy, true)]
    [InlineData("healthy", HealthStatus.Healthy, false)]
    [InlineData("unknown", HealthStatus.Unhealthy, false)]
    [InlineData("unhealthy", HealthStatus.Unknown, false)]
    public void Only_a_decided_contradiction_is_a_disagreement(string agent, HealthStatus platform, bool disagrees)
    {
        var report = HealthReport.Create(Id, T0, agent, 3, null, T0).Value;
        var check = HealthCheck.Platform(Id, Provider, null, T0.AddMinutes(1), platform, 3, TimeSpan.FromSeconds(1), null);

        var disagreement = HealthDisagreement.Between(check, report);

        Assert.Equal(disagrees, disagreement is not null);
        if (disagreement is not null)
        {
            Assert.Equal((platform, report.Status, report.Id), (disagreement.PlatformStatus, disagreement.AgentStatus, disagreement.AgentReportId));
        }
    }

    [Fact]
    public void A_self_report_names_every_bad_field()
    {
        var result = SelfReportedSli.Create(Provider, Guid.NewGuid(), DateOnly.FromDateTime(T0.UtcDateTime).AddDays(1), 100.5m, -1m, -2, T0);

        Assert.True(result.IsFailed);
        Assert.Equal(
            ["invalid_day", "invalid_uptime_percent", "invalid_response_percent", "invalid_incidents"],
            result.Errors.OfType<DomainError>().Select(e => e.Code));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(-90, true)]
    [InlineData(-91, false)]
    [InlineData(1, false)]
    public void A_self_report_is_of_the_last_90_days(int daysFromToday, bool valid)
    {
        var day = DateOnly.FromDateTime(T0.UtcDateTime).AddDays(daysFromToday);

        Assert.Equal(valid, SelfReportedSli.Create(Provider, Guid.NewGuid(), day, 99.9m, 100m, 0, T0).IsSuccess);
    }

    [Fact]
    public void A_new_report_of_the_day_replaces_the_figures()
    {
        var report = SelfReportedSli.Create(Provider, Guid.NewGuid(), DateOnly.FromDateTime(T0.UtcDateTime), 99m, 98m, 1, T0).Value;

        Assert.True(report.Replace(100m, 100m, 0, T0.AddHours(1)).IsSuccess);
        Assert.True(report.Replace(101m, 100m, 0, T0.AddHours(2)).IsFailed);
        Assert.Equal((100m, 100m, 0, T0.AddHours(1)), (report.UptimePercent, report.ResponsePercent, report.Incidents, report.SubmittedAt));
    }

    [Fact]
    public void The_hour_of_a_time_is_its_utc_hour()
    {
        Assert.Equal(T0, HealthRollup.HourOf(T0.AddMinutes(59).AddSeconds(59)));
        Assert.Equal(T0, HealthRollup.HourOf(new DateTimeOffset(2026, 11, 25, 14, 0, 0, TimeSpan.FromHours(2))));
    }
}
