using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>Settings of the embedded DNS server.</summary>
public sealed class EmbeddedDnsOptions
{
    /// <summary>Address and port to listen on, UDP and TCP (<c>DC_DNS_LISTEN</c>).</summary>
    public string Listen { get; set; } = "127.0.0.1:8053";

    /// <summary>Host name published in the NS and SOA records; defaults to <c>ns1.{domain}</c>.</summary>
    public string? NameServer { get; set; }

    /// <summary>
    /// UDP queries reading the store at once (<c>DC_DNS_UDP_CONCURRENCY</c>); up to four times as many more wait
    /// for a turn, and a further query that needs the store is dropped (memory stays bounded under a flood of
    /// uncached names). Queries answered from memory do not count: one receive loop per core answers them directly.
    /// </summary>
    [Range(1, 4096)]
    public int UdpConcurrency { get; set; } = 64;

    /// <summary>
    /// UDP queries per second one source network (an IPv4 /24, an IPv6 /64) may send (<c>DC_DNS_UDP_RATE_LIMIT</c>),
    /// with bursts of twice that; 0 switches the limit off. Over the limit every second query gets an empty
    /// truncated answer (so a real resolver retries over TCP) and the others none.
    /// </summary>
    [Range(0, 10_000_000)]
    public int UdpRateLimit { get; set; } = 1000;

    /// <summary>How long a TCP connection may wait for its next query before it is closed (<c>DC_DNS_TCP_IDLE_TIMEOUT_SECONDS</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Open TCP connections in total (<c>DC_DNS_TCP_MAX_CONNECTIONS</c>). When all are taken, a new connection
    /// closes the one that has waited longest for a query; it is refused only when every connection is being answered.
    /// </summary>
    [Range(1, 65_536)]
    public int TcpMaxConnections { get; set; } = 256;

    /// <summary>
    /// Open TCP connections of one source address (<c>DC_DNS_TCP_MAX_CONNECTIONS_PER_SOURCE</c>); a source over it
    /// loses its own longest-idle connection, not somebody else's.
    /// </summary>
    [Range(1, 65_536)]
    public int TcpMaxConnectionsPerSource { get; set; } = 32;

    /// <summary>
    /// Seconds a name's records are answered from memory before the store is read again
    /// (<c>DC_DNS_ANSWER_CACHE_SECONDS</c>; 0 switches the cache off). Changes made through this process are
    /// answered as soon as they are committed; changes made by another API instance (PostgreSQL with several
    /// instances), and gateways registered or revoked, within this time.
    /// </summary>
    [Range(0, 300)]
    public int AnswerCacheSeconds { get; set; } = 20;
}
