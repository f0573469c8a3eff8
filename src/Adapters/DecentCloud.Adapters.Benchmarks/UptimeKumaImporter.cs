using System.Globalization;
using System.Text.Json;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Adapters.Benchmarks;

/// <summary>
/// An Uptime Kuma public status page: <c>GET /api/status-page/{slug}</c> (the page's public groups and their
/// monitors: <c>publicGroupList[].monitorList[].{id, name}</c>) and <c>GET /api/status-page/heartbeat/{slug}</c>
/// (<c>heartbeatList</c>: monitor id → recent beats <c>{status, time, ping}</c>, status 0 down, 1 up, 2 pending,
/// 3 maintenance; <c>uptimeList</c>: monitor id, or <c>{id}_24</c> in older versions → 24-hour uptime as a fraction).
/// Per monitor it yields <c>uptime_24h_percent</c>, <c>heartbeat_up_percent</c> (up among up and down beats) and
/// <c>ping_avg_ms</c>. A missing list, a monitor without beats or uptime, or a field of another type throws
/// <see cref="ExternalSignalFormatException"/> naming it.
/// </summary>
internal sealed class UptimeKumaImporter(ListingReader reader, TimeProvider time) : IExternalSignalImporter
{
    public string Format => "uptime-kuma";

    public async Task<IReadOnlyList<ExternalSignal>> ImportAsync(ExternalSignalSourceOptions source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (site, slug) = Locate(source);
        using var page = await reader.GetJsonAsync(new Uri(site, $"api/status-page/{Uri.EscapeDataString(slug)}"), $"status page {slug}", cancellationToken);
        var monitors = Monitors(page.RootElement);
        using var beats = await reader.GetJsonAsync(new Uri(site, $"api/status-page/heartbeat/{Uri.EscapeDataString(slug)}"), $"heartbeats of {slug}", cancellationToken);
        var heartbeatList = Object(beats.RootElement, "heartbeatList", "heartbeat answer");
        var uptimeList = Object(beats.RootElement, "uptimeList", "heartbeat answer");
        var now = time.GetUtcNow();
        var signals = new List<ExternalSignal>();
        foreach (var (id, name) in monitors)
        {
            var key = id.ToString(CultureInfo.InvariantCulture);
            if (!heartbeatList.TryGetProperty(key, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new ExternalSignalFormatException($"heartbeatList.{key} (monitor {name}) is missing or not an array");
            }

            var (up, down, pings, last) = Beats(list, $"heartbeatList.{key}");
            var at = last ?? now;
            ExternalSignal Signal(string metric, decimal value, string unit, string? context) =>
                new(source.Name, source.ProviderId, ExternalSignal.UptimeKind, name, metric, value, unit, context, at);

            signals.Add(Signal("uptime_24h_percent", Math.Round(Uptime(uptimeList, key, name) * 100m, 4), "percent", null));
            if (up + down > 0)
            {
                signals.Add(Signal("heartbeat_up_percent", Math.Round(100m * up / (up + down), 4), "percent", $"{up + down} recent heartbeats"));
            }

            if (pings.Count > 0)
            {
                signals.Add(Signal("ping_avg_ms", Math.Round(pings.Average(), 1), "ms", $"{pings.Count} recent heartbeats"));
            }
        }

        return signals;
    }

    /// <summary>The site's base URL and the page's slug: from <c>…/status/{slug}</c>, or the URL and <see cref="ExternalSignalSourceOptions.Slug"/>.</summary>
    private static (Uri Site, string Slug) Locate(ExternalSignalSourceOptions source)
    {
        var url = source.Url ?? throw new ExternalSignalFormatException($"{source.Name} has no URL");
        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (source.Slug is { Length: > 0 } slug)
        {
            return (new Uri(url.GetLeftPart(UriPartial.Authority) + "/" + string.Join('/', segments.Select(Uri.EscapeDataString)) + (segments.Length > 0 ? "/" : "")), slug);
        }

        var at = Array.LastIndexOf(segments, "status");
        if (at < 0 || at != segments.Length - 2)
        {
            throw new ExternalSignalFormatException($"{source.Name}: the URL must end in /status/{{slug}}, or set Slug");
        }

        var prefix = string.Join('/', segments[..at]);
        return (new Uri(url.GetLeftPart(UriPartial.Authority) + "/" + (prefix.Length > 0 ? prefix + "/" : "")), Uri.UnescapeDataString(segments[^1]));
    }

    private static List<(long Id, string Name)> Monitors(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("publicGroupList", out var groups) || groups.ValueKind != JsonValueKind.Array)
        {
            throw new ExternalSignalFormatException("status page: publicGroupList is missing or not an array");
        }

        var monitors = new List<(long, string)>();
        var g = 0;
        foreach (var group in groups.EnumerateArray())
        {
            var path = $"publicGroupList[{g++}]";
            if (group.ValueKind != JsonValueKind.Object || !group.TryGetProperty("monitorList", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new ExternalSignalFormatException($"status page: {path}.monitorList is missing or not an array");
            }

            var m = 0;
            foreach (var monitor in list.EnumerateArray())
            {
                var at = $"{path}.monitorList[{m++}]";
                if (monitor.ValueKind != JsonValueKind.Object || !monitor.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.Number || !id.TryGetInt64(out var monitorId))
                {
                    throw new ExternalSignalFormatException($"status page: {at}.id is missing or not an integer");
                }

                if (!monitor.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    throw new ExternalSignalFormatException($"status page: {at}.name is missing or not a string");
                }

                monitors.Add((monitorId, name.GetString()!));
            }
        }

        if (monitors.Count == 0)
        {
            // A page that lists no monitor has nothing to say about the provider: a listing we should not read as "all fine".
            throw new ExternalSignalFormatException("status page: publicGroupList lists no monitor");
        }

        return monitors;
    }

    private static JsonElement Object(JsonElement root, string name, string what) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new ExternalSignalFormatException($"{what}: {name} is missing or not an object");

    private static decimal Uptime(JsonElement uptimeList, string key, string name)
    {
        // Uptime Kuma 2 keys the 24-hour uptime by the monitor id; 1.x by "{id}_24".
        if (!uptimeList.TryGetProperty(key, out var value) && !uptimeList.TryGetProperty($"{key}_24", out value))
        {
            throw new ExternalSignalFormatException($"uptimeList.{key} (monitor {name}) is missing");
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var fraction) && fraction is >= 0 and <= 1
            ? fraction
            : throw new ExternalSignalFormatException($"uptimeList.{key} (monitor {name}) must be a fraction from 0 to 1");
    }

    private static (int Up, int Down, List<decimal> Pings, DateTimeOffset? Last) Beats(JsonElement list, string path)
    {
        var (up, down, pings, last) = (0, 0, new List<decimal>(), (DateTimeOffset?)null);
        var i = 0;
        foreach (var beat in list.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (beat.ValueKind == JsonValueKind.Number && beat.TryGetInt32(out var empty) && empty == 0)
            {
                continue; // an empty bucket of an aggregated heartbeat bar
            }

            if (beat.ValueKind != JsonValueKind.Object || !beat.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Number || !status.TryGetInt32(out var s) || s is < 0 or > 3)
            {
                throw new ExternalSignalFormatException($"{at}.status is missing or not 0-3");
            }

            if (!beat.TryGetProperty("time", out var t) || t.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            {
                throw new ExternalSignalFormatException($"{at}.time is missing or not a time");
            }

            last = last is { } l && l > when ? l : when;
            if (s == 1)
            {
                up++;
                if (beat.TryGetProperty("ping", out var ping) && ping.ValueKind == JsonValueKind.Number && ping.TryGetDecimal(out var ms) && ms >= 0)
                {
                    pings.Add(ms);
                }
            }
            else if (s == 0)
            {
                down++;
            }
        }

        return (up, down, pings, last);
    }
}
