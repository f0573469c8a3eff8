using System.Globalization;

namespace DecentCloud.Notifications.Bench;

/// <summary>
/// The benchmark's sizes. Phase 1: <paramref name="Accounts"/> accounts × <paramref name="PerAccount"/> notices per
/// run, delivered with each of <paramref name="Workers"/> in flight, in-app and at the edge of a Telegram allowance of
/// <paramref name="FreeTelegram"/> a day. Phase 2: <paramref name="Rate"/> notices a second for <paramref name="Seconds"/>
/// seconds over <paramref name="LagAccounts"/> accounts, delivered by each of <paramref name="Dispatchers"/> dispatcher
/// instances, which wait <paramref name="PollMs"/> ms after a run that found nothing to send.
/// </summary>
internal sealed record BenchSettings(
    string Postgres,
    int Accounts,
    int PerAccount,
    IReadOnlyList<int> Workers,
    int FreeTelegram,
    int Rate,
    int Seconds,
    int LagAccounts,
    IReadOnlyList<int> Dispatchers,
    int PollMs)
{
    /// <summary>Notices written by the seeding writers at once (phase 1).</summary>
    public const int SeedWriters = 4;

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

        int Number(string name, int fallback, int min = 1)
        {
            if (!values.TryGetValue(name, out var text))
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
                ? value
                : throw new ArgumentException($"--{name} must be an integer of at least {min}, not '{text}'");
        }

        IReadOnlyList<int> List(string name, string fallback)
        {
            var text = values.GetValueOrDefault(name) ?? fallback;
            var parts = text.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
                ? [.. parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture))]
                : throw new ArgumentException($"--{name} must be a comma-separated list of positive integers, not '{text}'");
        }

        var postgres = values.GetValueOrDefault("postgres") ?? throw new ArgumentException("--postgres CONNECTION is required");
        var settings = new BenchSettings(
            postgres,
            Number("accounts", 1000),
            Number("per-account", 5),
            List("workers", "1,8,32"),
            Number("free-telegram", 1, min: 0),
            Number("rate", 50),
            Number("seconds", 30),
            Number("lag-accounts", 100),
            List("dispatchers", "1,2"),
            Number("poll-ms", 100, min: 0));
        return settings.FreeTelegram < settings.PerAccount
            ? settings
            : throw new ArgumentException("--free-telegram must be below --per-account, or nothing is refused at the edge of the quota");
    }
}
