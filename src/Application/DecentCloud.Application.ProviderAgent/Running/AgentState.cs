using System.Collections.Concurrent;
using DecentCloud.Application.ProviderAgent.Protocol;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>What the loops share: the provisionings in flight and the instances the last reconcile kept.</summary>
public sealed class AgentState
{
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ReconciledInstance> _kept = [];

    /// <summary>The contract ids being provisioned right now.</summary>
    public IReadOnlySet<string> InFlight => _inFlight.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>The instances the last reconcile round kept (the ones health checks look at).</summary>
    public IReadOnlyList<ReconciledInstance> Kept
    {
        get => _kept;
        set => _kept = value ?? [];
    }

    internal bool IsInFlight(string contractId) => _inFlight.ContainsKey(contractId);

    internal void Track(string contractId, Task work) => _inFlight[contractId] = work;

    internal void Untrack(string contractId) => _inFlight.TryRemove(contractId, out _);

    internal Task[] InFlightWork() => [.. _inFlight.Values];
}
