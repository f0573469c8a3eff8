using System.Globalization;
using DecentCloud.Money.Bench;

// The money path of a running API on PostgreSQL, measured through HTTP: signed Stripe webhooks credited per second,
// the same session delivered concurrently (credited once), rentals per second from many funded accounts, and (in this
// process, over the same database) escrow release runs over many running rentals; GET /health of the same host is the
// reference. After each phase the books are verified and every balance must be
// exactly what the phase implies, else the program exits 1 and its figures are void. scripts/bench-money.sh starts
// PostgreSQL and the API and runs it.
// Usage: DecentCloud.Money.Bench --api URL --postgres CONNECTION --stripe-secret SECRET [--accounts N] [--sessions-per-account N]
//   [--rentals-per-account N] [--duplicates N] [--deliveries N] [--concurrency N] [--offerings N] [--health N] [--release-contracts N]
var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i].TrimStart('-')] = args[i + 1];
}

int Number(string name, int fallback) =>
    arguments.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
string Required(string name) =>
    arguments.TryGetValue(name, out var text) ? text : throw new ArgumentException($"--{name} is required");

var settings = new BenchSettings(
    new Uri(Required("api")),
    Required("postgres"),
    Required("stripe-secret"),
    Accounts: Number("accounts", 200),
    SessionsPerAccount: Number("sessions-per-account", 10),
    RentalsPerAccount: Number("rentals-per-account", 5),
    Duplicates: Number("duplicates", 50),
    Deliveries: Number("deliveries", 5),
    Concurrency: Number("concurrency", 32),
    Offerings: Number("offerings", 1),
    HealthRequests: Number("health", 20_000),
    ReleaseContracts: Number("release-contracts", 10_000));

try
{
    using var run = new BenchRun(settings);
    await run.RunAsync(CancellationToken.None);
    return 0;
}
catch (BenchInvariantException broken)
{
    Console.Error.WriteLine($"FAILED: {broken.Message}");
    return 1;
}
