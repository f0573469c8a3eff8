using System.Collections.Concurrent;
using System.Net;

namespace DecentCloud.Api.Http;

/// <summary>Settings of <see cref="AuthFailureLimiter"/>.</summary>
public sealed class AuthFailureLimitOptions
{
    /// <summary>Failures a client (an IPv4 address, an IPv6 /64) may have within <see cref="Window"/> before its failures get 429.</summary>
    public int MaxFailures { get; set; } = 20;

    /// <summary>The window failures are counted in, and how long a client is refused.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures against one credential (an agent or device key) within <see cref="Window"/>, from all clients together.</summary>
    public int MaxFailuresPerTarget { get; set; } = 100;

    /// <summary>Failures of all clients together within <see cref="Window"/> (the global budget).</summary>
    public int MaxFailuresOverall { get; set; } = 1000;

    /// <summary>Clients and targets tracked at most; beyond it new ones count only towards the global budget.</summary>
    public int MaxTrackedKeys { get; set; } = 100_000;
}

/// <summary>
/// Counts authentication failures per client, per target credential and overall, so the acme-dns and signed routes
/// cannot be brute-forced from one address nor by guesses spread over many. An HTTP-edge concern (keyed by the
/// client's address, <see cref="ClientAddress"/>), so it lives in the API host. In memory per instance.
/// Signed routes ask only after a request failed (<see cref="RecordFailure(string, string?)"/>), so a request with
/// valid credentials is never refused however its client or target is throttled.
/// </summary>
public sealed class AuthFailureLimiter(TimeProvider time, AuthFailureLimitOptions options)
{
    /// <summary>The longest target counted on its own (an agent key with its prefix fits many times over).</summary>
    public const int MaxTargetLength = 128;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Window _overall = new(DateTimeOffset.MinValue);
    private readonly Lock _pruning = new();
    private int _tracked;
    private DateTimeOffset _nextPrune = DateTimeOffset.MinValue;

    /// <summary>How many clients and targets are tracked now (bounded by <see cref="AuthFailureLimitOptions.MaxTrackedKeys"/>).</summary>
    public int TrackedKeys => Volatile.Read(ref _tracked);

    /// <summary>
    /// How long <paramref name="client"/>'s further failures are still answered 429; <c>null</c> when they are not.
    /// No route refuses before checking credentials, so this only reports the state (tests, diagnostics).
    /// </summary>
    public TimeSpan? RetryAfter(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!_windows.TryGetValue("s|" + SourceKey(client), out var window))
        {
            return null;
        }

        var now = time.GetUtcNow();
        lock (window)
        {
            if (now >= window.Start + options.Window)
            {
                return null;
            }

            return window.Failures >= options.MaxFailures ? window.Start + options.Window - now : null;
        }
    }

    /// <summary>Counts one failure of <paramref name="client"/> (towards the global budget too).</summary>
    public void RecordFailure(string client) => RecordFailure(client, target: null);

    /// <summary>
    /// Counts one failure of <paramref name="client"/> against <paramref name="target"/> (a credential's key, or
    /// <c>null</c> when none was named; one longer than <see cref="MaxTargetLength"/> is not counted as a target) and
    /// overall. Returns how long to wait when this failure is over the client's,
    /// the target's or the global limit (answer 429), <c>null</c> when it is not (answer the failure itself).
    /// </summary>
    public TimeSpan? RecordFailure(string client, string? target)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        TimeSpan? wait = Count(_overall, now, options.MaxFailuresOverall);
        if (Track("s|" + SourceKey(client), now) is { } source)
        {
            wait = Longer(wait, Count(source, now, options.MaxFailures));
        }

        // Targets are keys and usernames of fixed, short shapes; a longer text is no credential worth a table entry.
        if (target is { Length: <= MaxTargetLength } && Track("t|" + target, now) is { } aimed)
        {
            wait = Longer(wait, Count(aimed, now, options.MaxFailuresPerTarget));
        }

        return wait;
    }

    /// <summary>
    /// The key a client is counted under: an IPv4 address (also when written IPv4-mapped), an IPv6 address's /64
    /// (one subscriber usually holds a whole /64), anything else as given.
    /// </summary>
    internal static string SourceKey(string client)
    {
        if (!IPAddress.TryParse(client, out var address))
        {
            return client;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    private static TimeSpan? Longer(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private TimeSpan? Count(Window window, DateTimeOffset now, int limit)
    {
        lock (window)
        {
            if (now >= window.Start + options.Window)
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
            return window.Failures > limit ? window.Start + options.Window - now : null;
        }
    }

    private Window? Track(string key, DateTimeOffset now)
    {
        if (_windows.TryGetValue(key, out var known))
        {
            return known;
        }

        if (Volatile.Read(ref _tracked) >= options.MaxTrackedKeys)
        {
            Prune(now);
            if (Volatile.Read(ref _tracked) >= options.MaxTrackedKeys)
            {
                // Full of live entries: only a flood fills it, and the global budget already answers that flood.
                return null;
            }
        }

        var fresh = new Window(now);
        if (_windows.TryAdd(key, fresh))
        {
            Interlocked.Increment(ref _tracked);
            return fresh;
        }

        return _windows.TryGetValue(key, out var raced) ? raced : null;
    }

    private void Prune(DateTimeOffset now)
    {
        // A full table of live entries would otherwise be walked on every failure: walk it at most every quarter window.
        lock (_pruning)
        {
            if (now < _nextPrune)
            {
                return;
            }

            _nextPrune = now + (options.Window / 4);
        }

        foreach (var (key, window) in _windows)
        {
            bool expired;
            lock (window)
            {
                expired = now >= window.Start + options.Window;
            }

            if (expired && _windows.TryRemove(new KeyValuePair<string, Window>(key, window)))
            {
                Interlocked.Decrement(ref _tracked);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Failures { get; set; }
    }
}

/// <summary>Registers the limiter and the other pieces of the HTTP edge.</summary>
internal static class AuthFailureLimiterRegistration
{
    /// <summary>
    /// Adds one <see cref="AuthFailureLimiter"/> with <paramref name="options"/>, the client-address resolver and the
    /// signed-request settings (both read from the registered <see cref="Configuration.ApiSettings"/>).
    /// </summary>
    public static IServiceCollection AddAuthFailureLimiter(this IServiceCollection services, AuthFailureLimitOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton(sp => new ClientAddressResolver(sp.GetRequiredService<Configuration.ApiSettings>().ClientAddress));
        services.AddSingleton(sp => sp.GetRequiredService<Configuration.ApiSettings>().SignedRequests);
        services.AddSingleton<LegacySignatureLog>();
        return services;
    }
}
