using System.Net;
using System.Collections.Concurrent;
using System.Net.Sockets;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>What to do with a UDP query after the per-source limit.</summary>
internal enum UdpVerdict
{
    /// <summary>Within the limit: answer it.</summary>
    Answer,

    /// <summary>Over the limit: send an empty truncated answer, so a real resolver retries over TCP.</summary>
    Slip,

    /// <summary>Over the limit: send nothing.</summary>
    Drop,
}

/// <summary>
/// A token bucket per source network (IPv4 /24, IPv6 /64): <c>rate</c> queries a second with bursts of twice that.
/// Over the limit every second query slips (truncated answer) and the others are dropped, as response-rate
/// limiting does elsewhere: a spoofed flood gains no amplification, a real resolver behind the same prefix can
/// still get through over TCP. Memory is bounded: past <see cref="MaxTrackedNetworks"/> the table starts afresh.
/// </summary>
internal sealed class UdpSourceLimiter(int rate, TimeProvider time)
{
    /// <summary>The most networks tracked at once (about 100 bytes each).</summary>
    public const int MaxTrackedNetworks = 100_000;

    private readonly ConcurrentDictionary<UInt128, Bucket> _buckets = new();
    private int _tracked;

    /// <summary>Whether the limit is switched on.</summary>
    public bool Enabled => rate > 0;

    /// <summary>Takes one token for the source in <paramref name="source"/>.</summary>
    public UdpVerdict Take(SocketAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!Enabled)
        {
            return UdpVerdict.Answer;
        }

        var key = NetworkOf(source);
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (Interlocked.Increment(ref _tracked) > MaxTrackedNetworks)
            {
                // A flood from more networks than we track: forgetting them all is cheap and bounded, and only
                // lets each network start again with a full bucket.
                _buckets.Clear();
                Interlocked.Exchange(ref _tracked, 1);
            }

            bucket = _buckets.GetOrAdd(key, _ => new Bucket(2.0 * rate, time.GetTimestamp()));
        }

        return bucket.Take(rate, 2.0 * rate, time);
    }

    /// <summary>The /24 of an IPv4 source (also when mapped into IPv6), the /64 of an IPv6 one.</summary>
    internal static UInt128 NetworkOf(SocketAddress source)
    {
        var bytes = source.Buffer.Span;
        if (source.Family == AddressFamily.InterNetwork)
        {
            // sockaddr_in: family (2), port (2), address (4).
            return (UInt128)((uint)(bytes[4] << 16) | (uint)(bytes[5] << 8) | bytes[6]);
        }

        // sockaddr_in6: family (2), port (2), flow info (4), address (16), scope (4).
        var address = bytes.Slice(8, 16);
        var mapped = address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF;
        if (mapped)
        {
            return (UInt128)((uint)(address[12] << 16) | (uint)(address[13] << 8) | address[14]);
        }

        // Tagged with a high bit so a /64 can never equal a /24.
        return new UInt128(1, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(address));
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private double _tokens = tokens;
        private long _stamp = stamp;
        private readonly Lock _gate = new();
        private long _refused;

        public UdpVerdict Take(int rate, double burst, TimeProvider time)
        {
            lock (_gate)
            {
                var now = time.GetTimestamp();
                _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_stamp, now).TotalSeconds * rate));
                _stamp = now;
                if (_tokens >= 1)
                {
                    _tokens--;
                    return UdpVerdict.Answer;
                }

                return ++_refused % 2 == 1 ? UdpVerdict.Slip : UdpVerdict.Drop;
            }
        }
    }
}
