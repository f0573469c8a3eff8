using System.Globalization;

namespace DecentCloud.Adapters.Probes;

/// <summary>The parsed <see cref="ProbeOptions.ConnectTo"/> entries: where a connection to a host and port really goes.</summary>
internal sealed class ConnectOverrides
{
    private readonly Dictionary<(string Host, int Port), (string Host, int Port)> _map = [];

    public ConnectOverrides(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var parsed = Parse(entry) ?? throw new ArgumentException($"ConnectTo entry '{entry}' must be host:port=address:port.", nameof(entries));
            _map[parsed.From] = parsed.To;
        }
    }

    /// <summary>Where to connect for <paramref name="host"/>:<paramref name="port"/>.</summary>
    public (string Host, int Port) Resolve(string host, int port) =>
        _map.TryGetValue((host.ToLowerInvariant(), port), out var to) ? to : (host, port);

    public static ((string Host, int Port) From, (string Host, int Port) To)? Parse(string entry)
    {
        var sides = entry.Split('=', 2);
        return sides.Length == 2 && Endpoint(sides[0]) is { } from && Endpoint(sides[1]) is { } to ? ((from.Host.ToLowerInvariant(), from.Port), to) : null;
    }

    private static (string Host, int Port)? Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (text[..colon].Trim('[', ']'), port)
            : null;
    }
}
