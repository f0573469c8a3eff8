using DecentCloud.Notifications.Bench;
using Npgsql;

// Measures, on PostgreSQL migrated by `admin migrate`, what notifications cost: (1) deliveries per second through the
// one quota gate (DeliverNotification) with 1, 8 and 32 in flight, in-app and at the edge of a small Telegram allowance
// (a recording in-process channel, so no outside system is the limit), beside a bare one-row counter update with the
// same concurrency; (2) the outbox dispatcher's delivery lag with notices written at a steady rate and one or two
// dispatcher instances. Every run's counts are checked exactly (delivered and refused against the allowance, each
// notification delivered, handed over and charged once); a mismatch exits 1 and the figures are void.
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine("usage: DecentCloud.Notifications.Bench --postgres CONNECTION [--accounts 1000] [--per-account 5] [--workers 1,8,32] [--free-telegram 1]"
        + " [--rate 50] [--seconds 30] [--lag-accounts 100] [--dispatchers 1,2] [--poll-ms 100]");
    return 2;
}

await using var data = NpgsqlDataSource.Create(settings.Postgres);
try
{
    var clock = new PinnedClock();
    List<GateRow> gate;
    double seedRate;
    await using (var platform = Platform.Open(settings.Postgres, clock, settings.FreeTelegram, new DeliveryCounter()))
    {
        var phase = new GatePhase(settings, platform, data, clock);
        gate = await phase.RunAsync();
        seedRate = phase.SeedRate;
    }

    var lag = await new LagPhase(settings, data).RunAsync();

    Console.WriteLine($"phase 1: {settings.Accounts:N0} accounts x {settings.PerAccount} notices per run; in-app notices written through INotifier at {seedRate:F0}/s"
        + $" ({BenchSettings.SeedWriters} writers, one save per account); Telegram allowance {settings.FreeTelegram}/day");
    Console.WriteLine("| delivery | in flight | deliveries/s | p50 ms | p95 ms | max ms | delivered | refused |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in gate)
    {
        Console.WriteLine($"| {row.What} | {row.Workers} | {row.Figures.PerSecond:F0} | {row.Figures.P50Ms:F2} | {row.Figures.P95Ms:F2} | {row.Figures.MaxMs:F2} | {row.Delivered:N0} | {row.Refused:N0} |");
    }

    Console.WriteLine();
    Console.WriteLine($"phase 2: in-app notices through INotifier at {settings.Rate}/s for {settings.Seconds} s over {settings.LagAccounts} accounts; DispatchOutbox back to back, {settings.PollMs} ms pause after an empty run");
    Console.WriteLine("| dispatcher instances | notices | written/s | delivered/s | lag p50 ms | lag p95 ms | lag max ms | dispatch runs | most tracked entities |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (var row in lag)
    {
        Console.WriteLine($"| {row.Dispatchers} | {row.Written:N0} | {row.WriteRate:F0} | {row.DeliveredPerSecond:F0} | {row.P50Ms:F0} | {row.P95Ms:F0} | {row.MaxMs:F0} | {row.DispatchRuns:N0} | {row.MaxTracked:N0} |");
    }

    Console.Error.WriteLine("==> every invariant held: exact delivered/refused counts, each notification delivered, handed over and charged once");
    return 0;
}
catch (BenchInvariantException broken)
{
    Console.Error.WriteLine($"FAILED: {broken.Message}; the figures are void");
    return 1;
}
