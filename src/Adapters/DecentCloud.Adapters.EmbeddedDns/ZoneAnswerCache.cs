using System.Collections.Concurrent;
using DecentCloud.Application.Dns;

namespace DecentCloud.Adapters.EmbeddedDns;

/// <summary>
/// What the store held for a name, kept for a second or so: a flood of queries for the same few names costs
/// one store read per name and period instead of one per query. Bounded: past <see cref="MaxNames"/> names
/// (a flood of random names) the cache starts afresh. The publisher drops a name as soon as this process
/// changes it, so only a change made by another API instance waits for the period to end.
/// </summary>
internal sealed class ZoneAnswerCache(TimeSpan lifetime, TimeProvider time)
{
    /// <summary>The most names held at once.</summary>
    public const int MaxNames = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>Whether answers are cached at all.</summary>
    public bool Enabled => lifetime > TimeSpan.Zero;

    /// <summary>The cached records of <paramref name="name"/>, if still fresh.</summary>
    public bool TryGet(string name, out ZoneLookup lookup)
    {
        if (Enabled && _entries.TryGetValue(Key(name), out var entry) && time.GetElapsedTime(entry.Stamp) < lifetime)
        {
            lookup = entry.Lookup;
            return true;
        }

        lookup = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="lookup"/> for <paramref name="name"/>, read from the store at <paramref name="readAt"/>.</summary>
    public void Set(string name, ZoneLookup lookup, long readAt)
    {
        if (!Enabled)
        {
            return;
        }

        if (Interlocked.Increment(ref _count) > MaxNames)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        // Stamped with the time of the read, not of the store's answer: a change that lands during the read
        // is not held back for a whole period longer.
        _entries[Key(name)] = new Entry(lookup, readAt);
    }

    /// <summary>Drops <paramref name="name"/> (its records changed).</summary>
    public void Forget(string name) => _entries.TryRemove(Key(name), out _);

    /// <summary>The timestamp to pass to <see cref="Set"/> for a read starting now.</summary>
    public long Now() => time.GetTimestamp();

    // The same normalisation as the zone lookup, so 'X.' and 'x' share an entry.
    private static string Key(string name) => name.TrimEnd('.').ToLowerInvariant();

    private sealed record Entry(ZoneLookup Lookup, long Stamp);
}
