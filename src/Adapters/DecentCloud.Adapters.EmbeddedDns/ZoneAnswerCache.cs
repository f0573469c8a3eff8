using System.Collections.Concurrent;
using DecentCloud.Application.Dns;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// What the store held for a name, kept for a few seconds (as database-backed authoritative servers do, e.g.
/// PowerDNS's 20 s query cache): a flood of queries for the same names costs one store read per name and period
/// instead of one per query. Bounded: past <see cref="MaxNames"/> names (a flood of random names) the cache
/// starts afresh. The publisher drops a name as soon as this process changes it, and for
/// <see cref="ChangeGrace"/> after that the name is not cached again: the publisher runs before the change is
/// committed, so a read in between would otherwise keep the old records for a whole period. Only a change made
/// by another API instance waits for the period to end.
/// </summary>
internal sealed class ZoneAnswerCache(TimeSpan lifetime, TimeProvider time)
{
    /// <summary>The most names held at once.</summary>
    public const int MaxNames = 50_000;

    /// <summary>How long after a change a name is read from the store on every query (covers the change's commit).</summary>
    public static readonly TimeSpan ChangeGrace = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, CachedName> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _changed = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Whether answers are cached at all.</summary>
    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>The cached records of <paramref name="name"/>, if still fresh.</summary>
    public bool TryGet(string name, out ZoneLookup lookup)
    {
        var found = TryGetEntry(name, out var entry);
        lookup = entry?.Lookup!;
        return found;
    }

    /// <summary>The cached entry of <paramref name="name"/> (records and the last response built from them), if still fresh.</summary>
    public bool TryGetEntry(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CachedName? entry)
    {
        if (Enabled && _entries.TryGetValue(Key(name), out entry) && time.GetElapsedTime(entry.Stamp) < lifetime)
        {
            return true;
        }

        entry = null;
        return false;
    }

    /// <summary>Keeps <paramref name="lookup"/> for <paramref name="name"/>, read from the store at <paramref name="readAt"/>.</summary>
    public void Set(string name, ZoneLookup lookup, long readAt)
    {
        if (!Enabled)
        {
            return;
        }

        var key = Key(name);
        if (_changed.TryGetValue(key, out var changedAt))
        {
            if (time.GetElapsedTime(changedAt) < ChangeGrace)
            {
                return;
            }

            _changed.TryRemove(key, out _);
        }

        if (Interlocked.Increment(ref _count) > MaxNames)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        // Stamped with the time of the read, not of the store's answer: a change that lands during the read
        // is not held back for a whole period longer.
        _entries[key] = new CachedName(lookup, readAt);
    }

    /// <summary>Drops <paramref name="name"/> (its records are changing) and keeps it out for <see cref="ChangeGrace"/>.</summary>
    public void Forget(string name)
    {
        if (!Enabled)
        {
            return;
        }

        var key = Key(name);
        if (_changed.Count >= MaxNames)
        {
            // Never reached by real traffic (changes are authenticated and rare); bounded all the same.
            _changed.Clear();
        }

        _changed[key] = time.GetTimestamp();
        _entries.TryRemove(key, out _);
    }

    /// <summary>The timestamp to pass to <see cref="Set"/> for a read starting now.</summary>
    public long Now() => time.GetTimestamp();

    // The same normalisation as the zone lookup, so 'X.' and 'x' share an entry.
    private static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();
}

/// <summary>
/// One cached name: its records and the last response built from them, so a repeated question (same spelling,
/// type, class and transport) is answered by copying bytes and setting the id and RD flag.
/// </summary>
internal sealed class CachedName(ZoneLookup lookup, long stamp)
{
    private Memo? _last;

    /// <summary>The records.</summary>
    public ZoneLookup Lookup { get; } = lookup;

    /// <summary>When they were read, as a <see cref="TimeProvider"/> timestamp.</summary>
    public long Stamp { get; } = stamp;

    /// <summary>The response to <paramref name="query"/>: a copy of the remembered one when it asked the same, else built and remembered.</summary>
    public byte[] ResponseFor(DnsQuery query, bool overUdp, Func<DnsQuery, ZoneLookup, bool, byte[]> build)
    {
        var last = Volatile.Read(ref _last);
        if (last is not null && last.Type == query.Type && last.Class == query.Class && last.OverUdp == overUdp
            && string.Equals(last.Name, query.Name, StringComparison.Ordinal))
        {
            var copy = (byte[])last.Response.Clone();
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(copy, query.Id);
            copy[2] = (byte)((copy[2] & ~0x01) | (query.RecursionDesired ? 0x01 : 0));
            return copy;
        }

        var response = build(query, Lookup, overUdp);
        Volatile.Write(ref _last, new Memo(query.Name, query.Type, query.Class, overUdp, response));

        // Never written to afterwards: copies are made from it.
        return response;
    }

    private sealed record Memo(string Name, ushort Type, ushort Class, bool OverUdp, byte[] Response);
}
