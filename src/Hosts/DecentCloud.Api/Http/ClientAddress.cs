using System.Net;

namespace DecentCloud.Api.Http;

/// <summary>The client's address as the limiter and the audit trail key it.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The address of the client behind <paramref name="context"/>: the socket peer, or what trusted proxies forwarded
    /// for it (<see cref="ClientAddressResolver"/>). Static because the endpoints call it with only the context at hand.
    /// </summary>
    public static string Of(HttpContext context) =>
        context.RequestServices.GetRequiredService<ClientAddressResolver>().Resolve(context.Connection.RemoteIpAddress, context.Request.Headers["X-Forwarded-For"]);
}

/// <summary>Settings of <see cref="ClientAddressResolver"/> (section <c>ClientAddress</c>).</summary>
public sealed class ClientAddressOptions
{
    /// <summary>
    /// Reverse proxies (addresses or CIDR networks) whose <c>X-Forwarded-For</c> is believed. Empty (the default):
    /// the header is ignored and the client is the socket peer.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];
}

/// <summary>
/// Works out the client's address. <c>X-Forwarded-For</c> is read only when the socket peer is a trusted proxy, from
/// the right (the entry the nearest proxy appended) towards the left, and the first address that is not a trusted
/// proxy is the client: entries further left were written by the client itself and can be anything. IPv4-mapped
/// IPv6 addresses are read as IPv4, so one client has one address whichever way it connects.
/// </summary>
internal sealed class ClientAddressResolver
{
    private readonly IPNetwork[] _trusted;

    public ClientAddressResolver(ClientAddressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _trusted = [.. options.TrustedProxies.Select(p => ParseNetwork(p) ?? throw new ArgumentException($"'{p}' is not an address or a CIDR network", nameof(options)))];
    }

    /// <summary>An address (<c>192.0.2.1</c>, <c>2001:db8::1</c>) or a network (<c>10.0.0.0/8</c>) as a network; <c>null</c> when it is neither.</summary>
    public static IPNetwork? ParseNetwork(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            // 10.0.0.1/8 is refused, not read as 10.0.0.0/8: a typo in the list of trusted peers must not widen it silently.
            return IPNetwork.TryParse(text.Trim(), out var network) && IPAddress.TryParse(text[..slash].Trim(), out var written) && written.Equals(network.BaseAddress)
                ? network
                : null;
        }

        return IPAddress.TryParse(text.Trim(), out var address)
            ? new IPNetwork(Normalize(address), Normalize(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128)
            : null;
    }

    /// <summary>The client's address text (<c>unknown</c> without a peer).</summary>
    public string Resolve(IPAddress? peer, Microsoft.Extensions.Primitives.StringValues forwardedFor)
    {
        if (peer is null)
        {
            return "unknown";
        }

        var current = Normalize(peer);
        if (_trusted.Length > 0 && forwardedFor.Count > 0)
        {
            var chain = forwardedFor.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToArray();
            for (var i = chain.Length - 1; i >= 0 && IsTrusted(current); i--)
            {
                if (!TryParseEntry(chain[i], out var forwarded))
                {
                    break;
                }

                current = forwarded;
            }
        }

        return current.ToString();
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    // Entries may carry a port (192.0.2.1:4711, [2001:db8::1]:4711), which says nothing about the client.
    private static bool TryParseEntry(string entry, out IPAddress address)
    {
        if (IPEndPoint.TryParse(entry, out var endpoint))
        {
            address = Normalize(endpoint.Address);
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    private bool IsTrusted(IPAddress address)
    {
        foreach (var network in _trusted)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
