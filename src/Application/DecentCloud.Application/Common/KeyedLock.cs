using System.Collections.Concurrent;

namespace DecentCloud.Application.Common;

/// <summary>
/// Serialises work on one key inside this process (e.g. the TXT record of one gateway), so concurrent
/// requests queue instead of racing into optimistic-concurrency retries. Other instances are still
/// kept apart by the row version; this only removes the conflict storm within one instance.
/// </summary>
public sealed class KeyedLock
{
    // The keys released inside a DeferReleases scope of this async flow; they are released when the scope ends.
    private static readonly AsyncLocal<DeferredReleases?> Deferred = new();

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// Keeps every key this async flow releases held until the returned scope is disposed. The audit behaviour opens
    /// one around a command whose transaction commits after its handler returned, so the next holder of a key only
    /// reads once this one's change is committed (instead of reading the old row and losing the race). A key the
    /// flow holds that way is granted again at once to the same flow (a retried handler).
    /// </summary>
    public static IDisposable DeferReleases()
    {
        var scope = new DeferredReleases(Deferred.Value);
        Deferred.Value = scope;
        return scope;
    }

    /// <summary>Waits for the key; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        if (Deferred.Value is { } deferred && deferred.Holds(this, key))
        {
            return NoRelease.Instance;
        }

        Entry entry;
        while (true)
        {
            entry = _entries.GetOrAdd(key, _ => new Entry());
            lock (entry)
            {
                // A released entry may have been removed after we fetched it; only a live one can be joined.
                if (!entry.Removed)
                {
                    entry.Users++;
                    break;
                }
            }
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(string key, Entry entry)
    {
        lock (entry)
        {
            if (--entry.Users == 0)
            {
                entry.Removed = true;
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }

        public bool Removed { get; set; }
    }

    private sealed class Releaser(KeyedLock owner, string key, Entry entry) : IDisposable
    {
        private int _released;

        public KeyedLock Owner => owner;

        public string Key => key;

        public void Dispose()
        {
            if (Deferred.Value is { } deferred && deferred.Defer(this))
            {
                return;
            }

            ReleaseNow();
        }

        public void ReleaseNow()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Semaphore.Release();
                owner.Leave(key, entry);
            }
        }
    }

    private sealed class NoRelease : IDisposable
    {
        public static readonly NoRelease Instance = new();

        public void Dispose()
        {
        }
    }

    private sealed class DeferredReleases(DeferredReleases? outer) : IDisposable
    {
        private readonly List<Releaser> _held = [];
        private readonly Lock _gate = new();
        private bool _ended;

        public bool Holds(KeyedLock owner, string key)
        {
            lock (_gate)
            {
                return _held.Exists(r => r.Owner == owner && r.Key == key);
            }
        }

        public bool Defer(Releaser releaser)
        {
            lock (_gate)
            {
                if (_ended)
                {
                    return false;
                }

                _held.Add(releaser);
                return true;
            }
        }

        public void Dispose()
        {
            Releaser[] held;
            lock (_gate)
            {
                _ended = true;
                held = [.. _held];
                _held.Clear();
            }

            Deferred.Value = outer;
            foreach (var releaser in held)
            {
                releaser.ReleaseNow();
            }
        }
    }
}
