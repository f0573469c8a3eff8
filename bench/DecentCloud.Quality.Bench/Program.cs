using System.Diagnostics;
using DecentCloud.Application.Quality;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Quality.Bench;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Measures, on PostgreSQL migrated by `admin migrate`, what the quality and trust features cost at the issue's size
// (default 1,000 contracts x 30 days of 5-minute checks = 8.64 million checks): one rollup run over every hour, one
// recompute-scores run over every provider, and the p50/p95/p99 of the contract uptime, provider uptime and provider
// trust reads, each with uptime read from the hourly rollups and from raw checks only, beside a one-row query on the
// same connection pool as the reference. The two modes must give the same figures and the same scores, and the
// measured uptime must match the seeded truth; otherwise the run exits 1 and its figures are void.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("usage: DecentCloud.Quality.Bench --postgres CONNECTION [--providers 100] [--contracts-per-provider 10] [--days 30] [--reads 500]");
    return 2;
}

// Whole minutes, so that the seeded checks (17 s past each 5-minute mark) never sit on a window's edge.
var now = new DateTimeOffset(DateTimeOffset.UtcNow.UtcTicks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
var clock = new FixedClock(now);
await using var rollups = Platform.Open(settings.Postgres, clock, readRollups: true);
await using var raw = Platform.Open(settings.Postgres, clock, readRollups: false);

Console.Error.WriteLine($"==> seeding {settings.Providers} providers x {settings.ContractsPerProvider} contracts, {settings.ChecksPerContract:N0} checks each ({settings.TotalChecks:N0} checks)");
var watch = Stopwatch.StartNew();
var contracts = await Seeder.ContractsAsync(rollups, settings, now);
Console.Error.WriteLine($"    {contracts.Count:N0} running contracts (+{settings.Providers * BenchSettings.CompletedPerProvider:N0} completed) in {watch.Elapsed.TotalSeconds:F1} s");
watch.Restart();
var checks = await Seeder.ChecksAsync(settings, contracts, now);
var seedSeconds = watch.Elapsed.TotalSeconds;
Console.Error.WriteLine($"    {checks:N0} checks copied in {seedSeconds:F1} s");

Console.Error.WriteLine("==> rolling up every finished hour (rollup-health)");
watch.Restart();
var rolled = await rollups.SendAsync(new RollupHealth());
var rollupSeconds = watch.Elapsed.TotalSeconds;
Console.Error.WriteLine($"    {rolled.Rollups:N0} hourly rollups up to {rolled.RolledUntil:u} in {rollupSeconds:F1} s");

// The truth: the seeded schedule, counted over the reader's own windows.
var failures = new List<string>();
var sample = contracts.Where((_, i) => i % Math.Max(1, contracts.Count / 50) == 0).ToList();
foreach (var contract in sample)
{
    var expected = Truth(contract, TimeSpan.FromDays(Math.Min(30, settings.Days)));
    foreach (var (mode, platform) in new[] { ("rollups", rollups), ("raw", raw) })
    {
        await using var scope = platform.Scope();
        var figures = await scope.ServiceProvider.GetRequiredService<IUptimeReader>().ForContractAsync(contract.Id, clock.GetUtcNow(), CancellationToken.None);
        // Within one check of the truth: a check on a window's edge may fall either side.
        if (Math.Abs(figures.Month.Total - expected.Total) > 1 || Math.Abs(figures.Month.Healthy - expected.Healthy) > 1)
        {
            failures.Add($"{mode}: contract {contract.Id.Hex[..12]} 30-day uptime {figures.Month.Healthy}/{figures.Month.Total}, seeded {expected.Healthy}/{expected.Total}");
        }
    }
}

Console.Error.WriteLine($"==> uptime of {sample.Count} contracts checked against the seeded truth: {(failures.Count == 0 ? "equal" : $"{failures.Count} differ")}");

var providers = Enumerable.Range(0, settings.Providers).Select(Seeder.ProviderName).ToList();
var recompute = new Dictionary<string, double>();
var scores = new Dictionary<string, Dictionary<string, string>>();
foreach (var (mode, platform) in new[] { ("rollups", rollups), ("raw", raw) })
{
    clock.Advance(TimeSpan.FromSeconds(2));
    Console.Error.WriteLine($"==> recompute-scores over {providers.Count} providers, uptime from {mode}");
    watch.Restart();
    var scored = await platform.SendAsync(new RecomputeScores());
    recompute[mode] = watch.Elapsed.TotalSeconds;
    Console.Error.WriteLine($"    {scored} providers scored in {recompute[mode]:F2} s ({recompute[mode] * 1000 / Math.Max(1, scored):F1} ms per provider)");
    if (scored != providers.Count)
    {
        failures.Add($"{mode}: recompute-scores scored {scored} providers, not {providers.Count}");
    }

    scores[mode] = await StoredScoresAsync(platform);
}

foreach (var provider in providers)
{
    if (scores["rollups"].GetValueOrDefault(provider) != scores["raw"].GetValueOrDefault(provider))
    {
        failures.Add($"provider {provider}: score from rollups {scores["rollups"].GetValueOrDefault(provider)} != from raw checks {scores["raw"].GetValueOrDefault(provider)}");
    }
}

var rows = new List<(string Read, string Mode, LatencyFigures Figures)>();
foreach (var (mode, platform) in new[] { ("rollups", rollups), ("raw", raw) })
{
    Console.Error.WriteLine($"==> {settings.Reads} reads of each kind, uptime from {mode}");
    rows.Add(("reference: one-row query", mode, await Latency.MeasureAsync(settings.Reads, async _ =>
    {
        await using var scope = platform.Scope();
        await scope.ServiceProvider.GetRequiredService<DecentCloud.Adapters.Persistence.DecentCloudDbContext>().Database
            .SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync();
    })));
    rows.Add(("contract uptime", mode, await Latency.MeasureAsync(settings.Reads, async i =>
        Ok(await platform.QueryAsync(new GetContractUptime(contracts[(i * 7919) % contracts.Count].Id.Hex)), "contract uptime"))));
    rows.Add(("provider uptime", mode, await Latency.MeasureAsync(settings.Reads, async i =>
        Ok(await platform.QueryAsync(new GetProviderUptime(providers[(i * 31) % providers.Count])), "provider uptime"))));
    rows.Add(("provider trust", mode, await Latency.MeasureAsync(settings.Reads, async i =>
        Ok(await platform.QueryAsync(new GetProviderTrust(providers[(i * 31) % providers.Count])), "provider trust"))));
    foreach (var row in rows.Where(r => r.Mode == mode))
    {
        Console.Error.WriteLine($"    {row.Read,-26} {row.Figures}");
    }
}

Console.WriteLine($"checks: {checks:N0} ({settings.Providers} providers x {settings.ContractsPerProvider} contracts x {settings.ChecksPerContract:N0}); seed {seedSeconds:F1} s; rollup run {rollupSeconds:F1} s ({rolled.Rollups:N0} rollups)");
Console.WriteLine($"recompute-scores, all {providers.Count} providers: rollups {recompute["rollups"]:F2} s, raw checks {recompute["raw"]:F2} s");
Console.WriteLine("| read | uptime from | p50 ms | p95 ms | p99 ms | max ms |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (var row in rows)
{
    Console.WriteLine($"| {row.Read} | {row.Mode} | {row.Figures.P50:F2} | {row.Figures.P95:F2} | {row.Figures.P99:F2} | {row.Figures.Max:F2} |");
}

if (failures.Count > 0)
{
    Console.Error.WriteLine($"FAILED: {failures.Count} invariant(s) broken; the figures are void:");
    failures.Take(20).ToList().ForEach(f => Console.Error.WriteLine("  " + f));
    return 1;
}

Console.Error.WriteLine("==> every invariant held: rollups and raw checks agree, uptime equals the seeded truth");
return 0;

DecentCloud.Domain.Quality.UptimeWindow Truth(SeededContract contract, TimeSpan window)
{
    var from = clock.GetUtcNow() - window;
    long healthy = 0, total = 0;
    for (var k = 0; k < settings.ChecksPerContract; k++)
    {
        var at = Seeder.CheckAt(now, settings, k);
        if (at < from || at >= clock.GetUtcNow())
        {
            continue;
        }

        total++;
        healthy += Seeder.IsDown(contract, at) ? 0 : 1;
    }

    return new DecentCloud.Domain.Quality.UptimeWindow(healthy, total);
}

static void Ok<T>(FluentResults.Result<T> result, string read)
{
    if (result.IsFailed)
    {
        throw new InvalidOperationException($"{read} failed: {result.Errors[0].Message}");
    }
}

static async Task<Dictionary<string, string>> StoredScoresAsync(Platform platform)
{
    await using var scope = platform.Scope();
    var db = scope.ServiceProvider.GetRequiredService<DecentCloud.Adapters.Persistence.DecentCloudDbContext>();
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "SELECT * FROM provider_scores";
    await using var reader = await command.ExecuteReaderAsync();
    var result = new Dictionary<string, string>(StringComparer.Ordinal);
    while (await reader.ReadAsync())
    {
        var values = new List<string>();
        string? provider = null;
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i);
            if (name == "ProviderId")
            {
                provider = reader.GetString(i);
            }
            else if (!name.Contains("At", StringComparison.Ordinal) && name != "Version")
            {
                values.Add($"{name}={reader.GetValue(i)}");
            }
        }

        result[provider!] = string.Join(";", values);
    }

    return result;
}
