using System.Collections.Concurrent;
using System.Text.Json;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Outbox;
using DecentCloud.Application.Quality;
using DecentCloud.Application.Retention;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Quality;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>
/// Platform probes, incidents, rollups, uptime and SLA breaches on both databases, with a fake clock stepping through
/// many probe intervals and a scripted probe whose answers follow a known up/down schedule.
/// </summary>
public sealed class QualityStoreTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(300);
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly AgentPublicKey Agent = AgentPublicKey.FromHex(new string('a', 64)).Value;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    /// <summary>Answers for each SSH host from a schedule of the (fake) time, and records every probe.</summary>
    private sealed class ScriptedProbe(TimeProvider clock) : IServiceProbe
    {
        public ConcurrentDictionary<string, Func<TimeSpan, bool>> Up { get; } = new();

        public ConcurrentBag<(string Host, DateTimeOffset At)> Calls { get; } = [];

        public Task<ProbeOutcome> ProbeAsync(ProbeTarget target, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            Calls.Add((target.SshHost!, now));
            var up = Up.TryGetValue(target.SshHost!, out var schedule) && schedule(now - T0);
            var ssh = new EndpointResult(up ? HealthStatus.Healthy : HealthStatus.Unhealthy, up ? 5 : null, up ? "connected" : "refused");
            return Task.FromResult(new ProbeOutcome(ssh, EndpointResult.NotKnown("gateway url")));
        }
    }

    /// <summary>What a breach handler leaves behind when its transaction commits (an in-memory count would also see a losing instance's rolled-back save).</summary>
    private sealed record BreachAlert(string ContractId, decimal UptimePercent, decimal TargetPercent, DateTimeOffset OccurredAt);

    private sealed class AlertOnBreach(IOutbox outbox) : IDomainEventHandler<SlaBreached>
    {
        public const string Type = "test.sla_breached";

        public Task HandleAsync(SlaBreached domainEvent, CancellationToken cancellationToken)
        {
            var alert = new BreachAlert(domainEvent.ContractId.Hex, domainEvent.UptimePercent, domainEvent.TargetPercent, domainEvent.OccurredAt);
            outbox.Enqueue(Type, JsonSerializer.Serialize(alert), $"{Type}:{alert.ContractId}:{alert.OccurredAt.UtcTicks}");
            return Task.CompletedTask;
        }
    }

    private static ServiceProvider Instance(TestDatabase db, FakeTimeProvider clock, IServiceProbe probe, bool alerts = false, bool rollups = true) =>
        db.NewInstance(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(probe);
            s.Configure<QualityOptions>(o =>
            {
                o.ProbeInterval = Interval;
                o.ProbeBatchSize = 7;
                o.ReadRollups = rollups;
            });
            if (alerts)
            {
                s.AddScoped<IDomainEventHandler<SlaBreached>, AlertOnBreach>();
            }
        });

    /// <summary>A free contract of <paramref name="provider"/>, provisioned at <paramref name="at"/> with its SSH at <paramref name="host"/>.</summary>
    private static async Task<ContractId> ProvisionedAsync(IServiceProvider services, string host, DateTimeOffset at, string provider = "prov-1")
    {
        var id = ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;
        await using var scope = services.CreateAsyncScope();
        var contract = Contract.Request(id, TestTerms.Create(free: true, provider: provider), at);
        Assert.True(contract.MoveTo(ContractState.Accepted, "provider", "ok", at).IsSuccess);
        Assert.True(contract.AcquireLease(Agent, at, TimeSpan.FromMinutes(10)).IsSuccess);
        Assert.True(contract.BeginProvisioning(Agent, at).IsSuccess);
        Assert.True(contract.CompleteProvisioning(Agent, "ext-" + host, $$"""{"publicIp":"{{host}}","sshPort":22}""", "ubuntu", at).IsSuccess);
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        return id;
    }

    private static async Task<T> SendAsync<T>(IServiceProvider services, ICommand<T> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, CancellationToken.None);
    }

    private static async Task<T> WithAsync<TService, T>(IServiceProvider services, Func<TService, Task<T>> read)
        where TService : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private static async Task<List<BreachAlert>> AlertsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var payloads = await scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>().Set<OutboxMessage>()
            .Where(m => m.Type == AlertOnBreach.Type).Select(m => m.Payload).ToListAsync();
        return [.. payloads.Select(p => JsonSerializer.Deserialize<BreachAlert>(p)!)];
    }

    private static async Task<int> CountAsync(IServiceProvider services, string table)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
#pragma warning disable EF1002 // table names are the test's own constants
        return await db.Database.SqlQueryRaw<int>($"SELECT CAST(COUNT(*) AS INTEGER) AS \"Value\" FROM {table}").SingleAsync();
#pragma warning restore EF1002
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_probe_each_contract_exactly_once_per_interval(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var a = Instance(db, clock, probe);
        await using var b = Instance(db, clock, probe);
        var hosts = Enumerable.Range(1, 23).Select(i => $"10.0.0.{i}").ToList();
        foreach (var host in hosts)
        {
            probe.Up[host] = _ => true;
            await ProvisionedAsync(a, host, T0);
        }

        const int intervals = 6;
        for (var k = 0; k < intervals; k++)
        {
            // Each instance runs twice per interval, at the same instant and again a little later: only due contracts are taken.
            await Task.WhenAll(SendAsync(a, new ProbeContracts()), SendAsync(b, new ProbeContracts()));
            clock.Advance(TimeSpan.FromSeconds(60));
            await Task.WhenAll(SendAsync(a, new ProbeContracts()), SendAsync(b, new ProbeContracts()));
            clock.Advance(Interval - TimeSpan.FromSeconds(60));
        }

        Assert.Equal(hosts.Count * intervals, probe.Calls.Count);
        foreach (var host in hosts)
        {
            var times = probe.Calls.Where(c => c.Host == host).Select(c => c.At).Order().ToList();
            Assert.Equal(Enumerable.Range(0, intervals).Select(k => T0 + k * Interval), times);
        }

        Assert.Equal(hosts.Count * intervals, await CountAsync(a, "health_checks"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Measured_uptime_is_within_one_interval_of_the_truth_and_incidents_match_the_outages(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var api = Instance(db, clock, probe);
        // Down 2:00-3:10 and 20:00-20:25 of the first day, and 30:07-31:00 of the second; up otherwise.
        (TimeSpan From, TimeSpan To)[] outages =
        [
            (TimeSpan.FromHours(2), TimeSpan.FromMinutes(190)),
            (TimeSpan.FromHours(20), TimeSpan.FromMinutes(1225)),
            (TimeSpan.FromMinutes(1807), TimeSpan.FromHours(31)),
        ];
        bool Up(TimeSpan t) => !outages.Any(o => t >= o.From && t < o.To);
        probe.Up["10.0.0.9"] = Up;
        var id = await ProvisionedAsync(api, "10.0.0.9", T0);

        var steps = (int)(TimeSpan.FromHours(36) / Interval);
        for (var k = 0; k < steps; k++)
        {
            await SendAsync(api, new ProbeContracts());
            clock.Advance(Interval);
        }

        var now = clock.GetUtcNow();
        var figures = await WithAsync<IUptimeReader, UptimeFigures>(api, r => r.ForContractAsync(id, now, CancellationToken.None));
        decimal Truth(DateTimeOffset from)
        {
            var start = from < T0 ? T0 : from;
            var total = (now - start).TotalSeconds;
            var down = outages.Sum(o =>
            {
                var f = T0 + o.From > start ? T0 + o.From : start;
                var t = T0 + o.To < now ? T0 + o.To : now;
                return t > f ? (t - f).TotalSeconds : 0;
            });
            return (decimal)(100 * (total - down) / total);
        }

        var oneIntervalOfADay = (decimal)(100 * Interval.TotalSeconds / TimeSpan.FromDays(1).TotalSeconds);
        Assert.InRange(figures.Day.Percent!.Value, Truth(now.AddDays(-1)) - oneIntervalOfADay, Truth(now.AddDays(-1)) + oneIntervalOfADay);
        Assert.InRange(figures.Month.Percent!.Value, Truth(T0) - oneIntervalOfADay, Truth(T0) + oneIntervalOfADay);
        Assert.Equal(steps, figures.Month.Total);
        Assert.Equal(steps - 14 - 5 - 10, figures.Month.Healthy);

        var incidents = await WithAsync<IHealthCheckStore, IReadOnlyList<HealthIncident>>(api, s => s.ListIncidentsAsync(id, T0, 10, CancellationToken.None));
        Assert.Equal(
            [
                (T0 + TimeSpan.FromMinutes(1810), (DateTimeOffset?)(T0 + TimeSpan.FromHours(31)), 10),
                (T0 + TimeSpan.FromHours(20), T0 + TimeSpan.FromMinutes(1225), 5),
                (T0 + TimeSpan.FromHours(2), T0 + TimeSpan.FromMinutes(190), 14),
            ],
            incidents.Select(i => (i.StartedAt, i.EndedAt, i.UnhealthyChecks)));
        Assert.Equal(TimeSpan.FromMinutes(70), incidents[2].Duration(now));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rollups_on_and_off_give_the_same_figures_and_raw_checks_go_only_once_rolled_up(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var on = Instance(db, clock, probe, rollups: true);
        await using var off = Instance(db, clock, probe, rollups: false);
        var offering = Guid.NewGuid();
        var p1 = ProviderId.Create("prov-1").Value;
        var c1 = ContractId.FromHex(new string('1', 64)).Value;
        var c2 = ContractId.FromHex(new string('2', 64)).Value;

        // 40 days of checks every 5 minutes (one unknown in every 7th hour, a pattern of failures), written directly.
        await using (var scope = on.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IHealthCheckStore>();
            for (var t = T0; t < T0.AddDays(40); t += Interval)
            {
                var k = (long)((t - T0) / Interval);
                var status1 = k % 13 == 0 ? HealthStatus.Unhealthy : k % 84 == 5 ? HealthStatus.Unknown : HealthStatus.Healthy;
                var status2 = k % 5 == 0 ? HealthStatus.Unhealthy : HealthStatus.Healthy;
                store.Add(HealthCheck.Platform(c1, p1, offering, t, status1, 20, TimeSpan.FromSeconds(1), null));
                store.Add(HealthCheck.Platform(c2, p1, null, t, status2, 2000, TimeSpan.FromSeconds(1), null));
            }

            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        // Not at an hour boundary, so every window has ragged raw ends around its rolled-up middle.
        clock.SetUtcNow(T0.AddDays(40).AddMinutes(-17));
        var before = await CountAsync(on, "health_checks");
        var rolled = await SendAsync(on, new RollupHealth());
        Assert.Equal(HealthRollup.HourOf(clock.GetUtcNow() - TimeSpan.FromMinutes(10)), rolled.RolledUntil);
        Assert.True(rolled.Rollups > 0);
        // Raw checks older than 35 days went; the rest stayed, and the rollups still hold the hours that went.
        Assert.True(rolled.Pruned > 0);
        Assert.Equal(before - rolled.Pruned, await CountAsync(on, "health_checks"));
        var again = await SendAsync(on, new RollupHealth());
        Assert.Equal(0, again.Rollups);
        Assert.Equal(0, again.Pruned);

        var now = clock.GetUtcNow();
        foreach (var read in new Func<IUptimeReader, Task<UptimeFigures>>[]
        {
            r => r.ForContractAsync(c1, now, CancellationToken.None),
            r => r.ForContractAsync(c2, now, CancellationToken.None),
            r => r.ForOfferingAsync(offering, now, CancellationToken.None),
            r => r.ForProviderAsync(p1, now, CancellationToken.None),
        })
        {
            var withRollups = await WithAsync(on, read);
            var rawOnly = await WithAsync(off, read);
            Assert.Equal(rawOnly, withRollups);
            Assert.True(withRollups.Month.Total > 8000);
        }

        var provider1 = await WithAsync<IUptimeReader, UptimeFigures>(on, r => r.ForProviderAsync(p1, now, CancellationToken.None));
        var contract1 = await WithAsync<IUptimeReader, UptimeFigures>(on, r => r.ForContractAsync(c1, now, CancellationToken.None));
        var contract2 = await WithAsync<IUptimeReader, UptimeFigures>(on, r => r.ForContractAsync(c2, now, CancellationToken.None));
        Assert.Equal(contract1.Week + contract2.Week, provider1.Week);
        // 288 checks a day, those whose step number is a multiple of five failing for contract 2.
        long Failing(DateTimeOffset from, DateTimeOffset to) =>
            Enumerable.Range(0, 40 * 288).Select(k => T0 + k * Interval).Count(t => t >= from && t < to && (long)((t - T0) / Interval) % 5 == 0);
        Assert.Equal(new UptimeWindow(288 - Failing(now.AddDays(-1), now), 288), contract2.Day);

        var sinceDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-29);
        var daysOn = await WithAsync<ISlaDayReader, IReadOnlyList<SlaDay>>(on, r => r.ReadAsync(p1, sinceDay, CancellationToken.None));
        var daysOff = await WithAsync<ISlaDayReader, IReadOnlyList<SlaDay>>(off, r => r.ReadAsync(p1, sinceDay, CancellationToken.None));
        Assert.Equal(daysOff, daysOn);
        var full = daysOn.Single(d => d.ContractId == c2.Hex && d.Day == sinceDay.AddDays(1));
        var dayStart = new DateTimeOffset(full.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal(Math.Round(100m * (288 - Failing(dayStart, dayStart.AddDays(1))) / 288, 4), full.UptimePercent);
        Assert.Equal(0m, full.ResponsePercent);
        Assert.Equal(95m, full.TargetPercent);
        Assert.True(full.IsBreached);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_sla_breach_is_recorded_and_raised_at_most_once_per_contract_per_hour(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var a = Instance(db, clock, probe, alerts: true);
        await using var b = Instance(db, clock, probe, alerts: true);
        // "bad" is down 2 h of the day (91.7 % < 95 %); "good" 1 h (95.8 %).
        probe.Up["10.0.1.1"] = t => t < TimeSpan.FromHours(10) || t >= TimeSpan.FromHours(12);
        probe.Up["10.0.1.2"] = t => t < TimeSpan.FromHours(10) || t >= TimeSpan.FromHours(11);
        var bad = await ProvisionedAsync(a, "10.0.1.1", T0);
        await ProvisionedAsync(a, "10.0.1.2", T0);
        for (var k = 0; k < 288; k++)
        {
            await SendAsync(a, new ProbeContracts());
            clock.Advance(Interval);
        }

        var first = await Task.WhenAll(SendAsync(a, new DetectSlaBreaches()), SendAsync(b, new DetectSlaBreaches()));
        clock.Advance(TimeSpan.FromMinutes(30));
        var sameHour = await SendAsync(b, new DetectSlaBreaches());
        clock.Advance(TimeSpan.FromMinutes(30));
        var nextHour = await SendAsync(a, new DetectSlaBreaches());

        Assert.Equal(1, first.Sum());
        Assert.Equal(0, sameHour);
        Assert.Equal(1, nextHour);
        Assert.Equal(2, await CountAsync(a, "sla_breaches"));
        var raised = await AlertsAsync(a);
        Assert.Equal(2, raised.Count);
        Assert.All(raised, e => Assert.Equal(bad.Hex, e.ContractId));
        Assert.All(raised, e => Assert.Equal(95m, e.TargetPercent));
        Assert.Equal(Math.Round(100m * 264 / 288, 4), raised.MinBy(e => e.OccurredAt)!.UptimePercent);
        // An hour later the window lost the first hour of checks (all healthy): 252 of 276.
        Assert.Equal(Math.Round(100m * 252 / 276, 4), raised.MaxBy(e => e.OccurredAt)!.UptimePercent);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_platform_wins_over_a_contradicting_agent_report_and_the_disagreement_is_recorded(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var api = Instance(db, clock, probe);
        probe.Up["10.0.2.1"] = _ => false;
        var id = await ProvisionedAsync(api, "10.0.2.1", T0);
        await using (var scope = api.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IHealthReportStore>().Add(HealthReport.Create(id, T0 - TimeSpan.FromSeconds(30), "healthy", 3, null, T0).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        await SendAsync(api, new ProbeContracts());

        var disagreements = await WithAsync<IHealthCheckStore, IReadOnlyList<HealthDisagreement>>(api, s => s.ListDisagreementsAsync(id, 10, CancellationToken.None));
        var d = Assert.Single(disagreements);
        Assert.Equal((HealthStatus.Unhealthy, HealthStatus.Healthy, T0), (d.PlatformStatus, d.AgentStatus, d.At));
        var figures = await WithAsync<IUptimeReader, UptimeFigures>(api, r => r.ForContractAsync(id, T0 + TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Equal(new UptimeWindow(0, 1), figures.Day);
        Assert.Equal(1, await CountAsync(api, "health_reports"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Archive_parts_move_every_row_of_a_contract_and_only_its_rows(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(T0);
        var probe = new ScriptedProbe(clock);
        await using var api = Instance(db, clock, probe);
        probe.Up["10.0.3.1"] = t => t < TimeSpan.FromHours(1) || t >= TimeSpan.FromHours(20);
        probe.Up["10.0.3.2"] = t => t < TimeSpan.FromHours(2) || t >= TimeSpan.FromHours(23);
        var moved = await ProvisionedAsync(api, "10.0.3.1", T0);
        var kept = await ProvisionedAsync(api, "10.0.3.2", T0);
        await using (var scope = api.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IHealthReportStore>().Add(HealthReport.Create(moved, T0 + TimeSpan.FromHours(3), "healthy", 3, null, T0 + TimeSpan.FromHours(3)).Value);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
        }

        for (var k = 0; k < 288; k++)
        {
            await SendAsync(api, new ProbeContracts());
            clock.Advance(Interval);
        }

        await SendAsync(api, new RollupHealth());
        await SendAsync(api, new DetectSlaBreaches());
        string[] tables = ["health_checks", "health_incidents", "health_rollups", "sla_breaches", "health_disagreements"];
        var hotBefore = new Dictionary<string, int>();
        foreach (var table in tables)
        {
            hotBefore[table] = await CountAsync(api, table);
            Assert.True(hotBefore[table] > 0, table);
        }

        var movedCounts = new Dictionary<string, int>();
        await using (var scope = api.CreateAsyncScope())
        {
            var parts = scope.ServiceProvider.GetServices<IContractArchivePart>().Where(p => tables.Contains(p.Table)).ToList();
            Assert.Equal(tables.Order(), parts.Select(p => p.Table).Order());
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(async () =>
            {
                foreach (var part in parts)
                {
                    movedCounts[part.Table] = await part.MoveAsync(moved, clock.GetUtcNow(), CancellationToken.None);
                }

                return 0;
            }, CancellationToken.None);
            Assert.All(parts, p => Assert.Equal(p.Table + "_archive", p.ArchiveTable));
        }

        foreach (var table in tables)
        {
            Assert.True(movedCounts[table] > 0, table);
            Assert.Equal(hotBefore[table] - movedCounts[table], await CountAsync(api, table));
            Assert.Equal(movedCounts[table], await CountAsync(api, table + "_archive"));
        }

        // The contract left in the hot tables still reads as before; the moved one has no hot rows left.
        var now = clock.GetUtcNow();
        var keptFigures = await WithAsync<IUptimeReader, UptimeFigures>(api, r => r.ForContractAsync(kept, now, CancellationToken.None));
        Assert.Equal(new UptimeWindow(288 - 21 * 12, 288), keptFigures.Day);
        Assert.Equal(UptimeFigures.Empty, await WithAsync<IUptimeReader, UptimeFigures>(api, r => r.ForContractAsync(moved, now, CancellationToken.None)));
    }
}
