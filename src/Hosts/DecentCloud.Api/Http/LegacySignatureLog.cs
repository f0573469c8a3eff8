using System.Collections.Concurrent;

namespace DecentCloud.Api.Http;

/// <summary>Settings of the signed-request check (section <c>SignedRequests</c>).</summary>
public sealed class SignedRequestOptions
{
    /// <summary>The default cut-off: about 90 days after the canonical format shipped.</summary>
    public static readonly DateTimeOffset DefaultLegacyCutoff = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Until when (exclusive) requests signed in the legacy format (no <c>X-Signature-Version</c> header) are still
    /// verified; from then on they are refused with 401.
    /// </summary>
    public DateTimeOffset LegacyFormatAcceptedUntil { get; set; } = DefaultLegacyCutoff;
}

/// <summary>
/// Tells operators which keys still sign in the legacy format: one warning per key (after it verified, so nobody can
/// fill the log with made-up keys), for a bounded number of keys.
/// </summary>
internal sealed partial class LegacySignatureLog(ILogger<LegacySignatureLog> log, SignedRequestOptions options)
{
    private const int MaxKeys = 10_000;
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.OrdinalIgnoreCase);
    private int _count;
    private int _full;

    /// <summary>Notes that <paramref name="keyHex"/> signed <paramref name="method"/> <paramref name="path"/> in the legacy format.</summary>
    public void Note(string role, string keyHex, string method, string path)
    {
        if (_seen.ContainsKey(keyHex))
        {
            return;
        }

        if (Volatile.Read(ref _count) >= MaxKeys)
        {
            if (Interlocked.Exchange(ref _full, 1) == 0)
            {
                TooMany(log, MaxKeys);
            }

            return;
        }

        if (_seen.TryAdd(keyHex, 0))
        {
            Interlocked.Increment(ref _count);
            LegacyUse(log, role, keyHex, method, path, options.LegacyFormatAcceptedUntil);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Role} key {Key} signed {Method} {Path} in the legacy signature format, accepted until {Cutoff:yyyy-MM-dd}; its client must sign with X-Signature-Version: 2.")]
    private static partial void LegacyUse(ILogger logger, string role, string key, string method, string path, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "More than {Count} keys signed in the legacy signature format; further keys are not logged.")]
    private static partial void TooMany(ILogger logger, int count);
}
