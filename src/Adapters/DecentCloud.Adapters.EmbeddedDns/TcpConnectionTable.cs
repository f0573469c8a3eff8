using System.Net;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// The open TCP connections, capped in total and per source address. A connection that has sent a query and
/// waits for its answer is busy; otherwise it is idle since its last answer (or its accept). When a cap is
/// reached, a new connection closes the longest-idle one (of its own source when the per-source cap is the one
/// reached), as RFC 7766 §6.2.3 suggests under resource pressure: holding connections open without asking
/// anything cannot keep a real query out. Only when every candidate is busy is the newcomer refused.
/// </summary>
internal sealed class TcpConnectionTable(int maxTotal, int maxPerSource, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly List<TcpConnection> _open = [];
    private readonly Dictionary<IPAddress, int> _perSource = [];

    /// <summary>How many connections are open.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Admits a connection from <paramref name="source"/>, evicting an idle one if a cap is reached; <c>null</c> when refused.</summary>
    public TcpConnection? TryAdmit(IPAddress source, Action close)
    {
        ArgumentNullException.ThrowIfNull(source);
        TcpConnection? evicted = null;
        TcpConnection admitted;
        lock (_gate)
        {
            var fromSource = _perSource.GetValueOrDefault(source);
            if (fromSource >= maxPerSource)
            {
                evicted = LongestIdle(c => c.Source.Equals(source));
                if (evicted is null)
                {
                    return null;
                }
            }
            else if (_open.Count >= maxTotal)
            {
                evicted = LongestIdle(_ => true);
                if (evicted is null)
                {
                    return null;
                }
            }

            if (evicted is not null)
            {
                RemoveLocked(evicted);
            }

            admitted = new TcpConnection(this, source, close, time.GetTimestamp());
            _open.Add(admitted);
            _perSource[source] = _perSource.GetValueOrDefault(source) + 1;
        }

        // Closing outside the lock: it runs socket code.
        evicted?.Close();
        return admitted;
    }

    /// <summary>Forgets a connection that ended by itself.</summary>
    public void Remove(TcpConnection connection)
    {
        lock (_gate)
        {
            RemoveLocked(connection);
        }
    }

    /// <summary>Marks the connection busy (a query is being answered) or idle again.</summary>
    internal void SetBusy(TcpConnection connection, bool busy)
    {
        lock (_gate)
        {
            connection.Busy = busy;
            connection.IdleSince = time.GetTimestamp();
        }
    }

    private TcpConnection? LongestIdle(Func<TcpConnection, bool> candidate)
    {
        TcpConnection? oldest = null;
        foreach (var connection in _open)
        {
            if (!connection.Busy && candidate(connection) && (oldest is null || connection.IdleSince < oldest.IdleSince))
            {
                oldest = connection;
            }
        }

        return oldest;
    }

    private void RemoveLocked(TcpConnection connection)
    {
        if (!_open.Remove(connection))
        {
            return;
        }

        var left = _perSource[connection.Source] - 1;
        if (left == 0)
        {
            _perSource.Remove(connection.Source);
        }
        else
        {
            _perSource[connection.Source] = left;
        }
    }
}

/// <summary>One admitted TCP connection of a <see cref="TcpConnectionTable"/>.</summary>
internal sealed class TcpConnection(TcpConnectionTable table, IPAddress source, Action close, long acceptedAt)
{
    private int _closed;

    /// <summary>The peer's address.</summary>
    public IPAddress Source { get; } = source;

    /// <summary>Whether a query is being answered (guarded by the table's lock).</summary>
    public bool Busy { get; set; }

    /// <summary>When the connection last became idle, as a <see cref="TimeProvider"/> timestamp (guarded by the table's lock).</summary>
    public long IdleSince { get; set; } = acceptedAt;

    /// <summary>Marks a query as being answered; an evicted connection is not picked while busy.</summary>
    public void BeginQuery() => table.SetBusy(this, true);

    /// <summary>Marks the answer as sent; the connection idles from now.</summary>
    public void EndQuery() => table.SetBusy(this, false);

    /// <summary>Closes the socket (once), which ends the connection's read loop.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            close();
        }
    }
}
