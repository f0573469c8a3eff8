using System.Collections.Concurrent;

namespace DecentCloud.Api.Http;

/// <summary>Settings of <see cref="AuthFailureLimiter"/>.</summary>
public sealed class AuthFailureLimitOptions
{
    /// <summary>Failures a client may have within <see cref="Window"/> before it is refused.</summary>
    public int MaxFailures { get; set; } = 20;

    /// <summary>The window failures are counted in, and how long a client is refused.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Counts authentication failures per client and blocks a client that fails too often, so the
/// acme-dns and agent routes cannot be brute-forced. An HTTP-edge concern (keyed by the client's
/// address), so it lives in the API host. In memory per instance: each API instance enforces the
/// limit on the clients it serves.
/// </summary>
public sealed class AuthFailureLimiter(TimeProvider time, AuthFailureLimitOptions options)
{
    private const int MaxTrackedClients = 100_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="client"/> must still wait; <c>null</c> when it may try.</summary>
    public TimeSpan? RetryAfter(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (!_windows.TryGetValue(client, out var window))
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

    /// <summary>Counts one failure of <paramref name="client"/>.</summary>
    public void RecordFailure(string client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        if (_windows.Count >= MaxTrackedClients)
        {
            Prune(now);
        }

        var window = _windows.GetOrAdd(client, _ => new Window(now));
        lock (window)
        {
            if (now >= window.Start + options.Window)
            {
                window.Start = now;
                window.Failures = 0;
            }

            window.Failures++;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (client, window) in _windows)
        {
            if (now >= window.Start + options.Window)
            {
                _windows.TryRemove(client, out _);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;

        public int Failures { get; set; }
    }
}

/// <summary>Registers the limiter.</summary>
internal static class AuthFailureLimiterRegistration
{
    /// <summary>Adds one <see cref="AuthFailureLimiter"/> with <paramref name="options"/>.</summary>
    public static IServiceCollection AddAuthFailureLimiter(this IServiceCollection services, AuthFailureLimitOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<AuthFailureLimiter>();
        return services;
    }
}
