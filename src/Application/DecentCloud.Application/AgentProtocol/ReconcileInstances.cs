using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>
/// The agent lists what it runs (<c>POST /api/v1/providers/{pk}/reconcile</c>) and learns, per instance,
/// whether to keep, terminate, pause (stop) or resume (start) it; instances no contract of this provider
/// (of its pool) claims come back as unknown — the agent removes those after its orphan grace period.
/// </summary>
public sealed record ReconcileInstances(AgentPrincipal Agent, string? ProviderInPath, IReadOnlyList<RunningInstance>? Instances)
    : IQuery<Result<ReconcileReply>>;

/// <summary>One instance as the agent sees it.</summary>
public sealed record RunningInstance(string? ExternalId, string? ContractId, bool Running);

/// <summary>One instance and its contract (if any) in a reconcile answer.</summary>
public sealed record ReconciledInstance(string ExternalId, string? ContractId);

/// <summary>The reconcile answer, one list per action.</summary>
public sealed record ReconcileReply(
    IReadOnlyList<ReconciledInstance> Keep,
    IReadOnlyList<ReconciledInstance> Terminate,
    IReadOnlyList<ReconciledInstance> Pause,
    IReadOnlyList<ReconciledInstance> Resume,
    IReadOnlyList<ReconciledInstance> Unknown);

/// <summary>Handles <see cref="ReconcileInstances"/>.</summary>
internal sealed class ReconcileInstancesHandler(IContractStore contracts, IAgentPoolStore pools, TimeProvider time) : IQueryHandler<ReconcileInstances, Result<ReconcileReply>>
{
    /// <summary>Most instances in one reconcile call.</summary>
    public const int MaxInstances = 1000;

    /// <inheritdoc />
    public async ValueTask<Result<ReconcileReply>> Handle(ReconcileInstances query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scope = AgentScope.CheckProvider(query.Agent, query.ProviderInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        if (query.Instances is null || query.Instances.Count > MaxInstances || query.Instances.Any(i => i is null || string.IsNullOrWhiteSpace(i.ExternalId)))
        {
            return Result.Fail<ReconcileReply>(DomainError.Invalid("invalid_instances", $"instances must be a list of at most {MaxInstances} entries, each with an externalId."));
        }

        var ids = query.Instances.Select(i => ContractId.FromHex(i.ContractId)).Where(r => r.IsSuccess).Select(r => r.Value).Distinct().ToList();
        var pool = await AgentScope.PoolNameAsync(pools, query.Agent, cancellationToken);
        var known = (await contracts.FindManyAsync(ids, cancellationToken))
            .Where(c => AgentScope.Owns(query.Agent, pool, c))
            .ToDictionary(c => c.Id.Hex);
        var now = time.Now();
        var buckets = Enum.GetValues<InstanceAction>().ToDictionary(a => a, _ => new List<ReconciledInstance>());
        foreach (var instance in query.Instances)
        {
            var contract = instance.ContractId is null ? null : known.GetValueOrDefault(instance.ContractId.ToLowerInvariant());
            var action = contract?.DecideInstanceAction(instance.Running, now) ?? InstanceAction.Unknown;
            buckets[action].Add(new ReconciledInstance(instance.ExternalId!, contract?.Id.Hex ?? instance.ContractId));
        }

        return new ReconcileReply(
            buckets[InstanceAction.Keep], buckets[InstanceAction.Terminate], buckets[InstanceAction.Pause],
            buckets[InstanceAction.Resume], buckets[InstanceAction.Unknown]);
    }
}
