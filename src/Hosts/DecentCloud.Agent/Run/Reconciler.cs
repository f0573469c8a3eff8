using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Agent.Run;

/// <summary>
/// Lines the backend's instances up with the contracts: terminates the ended ones (and tells the API),
/// stops paused ones, starts resumed ones, and terminates orphans once they outlived the grace period.
/// Returns the instances to keep, for the health checks.
/// </summary>
internal sealed partial class Reconciler(ProtocolClient api, IProvisioner provisioner, RunConfig config, TimeProvider time, ILogger<Reconciler> logger)
{
    private readonly Dictionary<string, DateTimeOffset> _orphansSeen = [];

    public async Task<IReadOnlyList<ReconciledInstance>> RunAsync(IReadOnlySet<string> inFlight, CancellationToken cancellationToken)
    {
        var instances = await provisioner.ListAsync(cancellationToken);
        var running = instances
            .Where(i => i.ContractId is null || !inFlight.Contains(i.ContractId.Hex))
            .Select(i => new RunningInstance(i.ExternalId, i.ContractId?.Hex, i.IsRunning))
            .ToList();
        var reply = await api.ReconcileAsync(running, cancellationToken);
        foreach (var i in reply.Terminate)
        {
            await ActAsync(i, "terminate", async () =>
            {
                await provisioner.TerminateAsync(i.ExternalId, cancellationToken);
                if (i.ContractId is not null)
                {
                    await api.TerminatedAsync(i.ContractId, cancellationToken);
                }
            });
        }

        foreach (var i in reply.Pause)
        {
            await ActAsync(i, "stop", () => provisioner.StopAsync(i.ExternalId, cancellationToken));
        }

        foreach (var i in reply.Resume)
        {
            await ActAsync(i, "start", () => provisioner.StartAsync(i.ExternalId, cancellationToken));
        }

        await HandleOrphansAsync(reply.Unknown, cancellationToken);
        return reply.Keep;
    }

    private async Task HandleOrphansAsync(IReadOnlyList<ReconciledInstance> unknown, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var gone in _orphansSeen.Keys.Except(unknown.Select(u => u.ExternalId)).ToList())
        {
            _orphansSeen.Remove(gone);
        }

        foreach (var orphan in unknown)
        {
            if (!_orphansSeen.TryGetValue(orphan.ExternalId, out var firstSeen))
            {
                _orphansSeen[orphan.ExternalId] = now;
                LogOrphanSeen(logger, orphan.ExternalId, config.OrphanGraceSeconds);
                continue;
            }

            if (now - firstSeen >= TimeSpan.FromSeconds(config.OrphanGraceSeconds))
            {
                await ActAsync(orphan, "terminate orphan", () => provisioner.TerminateAsync(orphan.ExternalId, cancellationToken));
                _orphansSeen.Remove(orphan.ExternalId);
            }
        }
    }

    private async Task ActAsync(ReconciledInstance instance, string action, Func<Task> act)
    {
        try
        {
            await act();
            LogActed(logger, action, instance.ExternalId, instance.ContractId);
        }
        catch (Exception ex) when (ex is ProvisioningException or Common.ApiCallException or HttpRequestException)
        {
            LogActFailed(logger, action, instance.ExternalId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} instance {ExternalId} (contract {ContractId})")]
    private static partial void LogActed(ILogger logger, string action, string externalId, string? contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Action} instance {ExternalId}: {Reason}; retrying next round")]
    private static partial void LogActFailed(ILogger logger, string action, string externalId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {ExternalId} belongs to no contract of this provider; it is removed after {GraceSeconds} s unless claimed")]
    private static partial void LogOrphanSeen(ILogger logger, string externalId, int graceSeconds);
}
