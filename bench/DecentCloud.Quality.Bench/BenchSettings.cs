namespace DecentCloud.Quality.Bench;

/// <summary>
/// The benchmark's sizes: <paramref name="Providers"/> providers with <paramref name="ContractsPerProvider"/> running
/// contracts each, every one checked every 5 minutes for the last <paramref name="Days"/> days, and
/// <paramref name="Reads"/> timed reads of each kind.
/// </summary>
internal sealed record BenchSettings(string Postgres, int Providers, int ContractsPerProvider, int Days, int Reads)
{
    /// <summary>The platform's default probe interval: one check per contract per 5 minutes.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(5);

    /// <summary>Ended contracts each provider also gets, so that its trust score has data (they have no checks).</summary>
    public const int CompletedPerProvider = 3;

    public int ChecksPerContract => (int)(TimeSpan.FromDays(Days) / CheckInterval);

    public long TotalChecks => (long)Providers * ContractsPerProvider * ChecksPerContract;

    /// <summary>Reads <c>--name value</c> pairs; every option has a default but the database.</summary>
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"expected an option at '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        int Positive(string name, int fallback)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, out var value) && value > 0 ? value : throw new ArgumentException($"--{name} must be a positive integer, not '{text}'");
        }

        var postgres = values.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres CONNECTION is required");
        return new BenchSettings(postgres, Positive("providers", 100), Positive("contracts-per-provider", 10), Positive("days", 30), Positive("reads", 500));
    }
}
