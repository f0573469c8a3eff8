using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Running;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Reconciling;

/// <summary>
/// Lines the backend's instances up with the contracts: terminates the ended ones (and tells the API),
/// stops paused ones, starts resumed ones, and terminates orphans once they outlived the grace period; then lines
/// the gateway up too (names of ended contracts removed, sites and forwarded ports rebuilt).
/// One instance's failure does not stop the others; it is retried next round.
/// </summary>
public sealed partial class Reconciler(
    IProviderApi api, IProvisioner provisioner, AgentState state, ProviderAgentOptions options, TimeProvider time, ILogger<Reconciler> logger, VmGateway? gateway = null)
{
    private readonly Dictionary<string, DateTimeOffset> _orphansSeen = [];

    /// <summary>One round; the instances to keep go to <see cref="AgentState.Kept"/> for the health checks.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var inFlight = state.InFlight;
        var instances = await provisioner.ListAsync(cancellationToken);

        // A machine being provisioned right now is not the API's to judge yet.
        var running = instances
            .Where(i => i.ContractId is null || !inFlight.Contains(i.ContractId.Hex))
            .Select(i => new RunningInstance(i.ExternalId, i.ContractId?.Hex, i.IsRunning))
            .ToList();
        var reply = await api.ReconcileAsync(running, cancellationToken);
        state.Kept = reply.Keep;
        foreach (var i in reply.Terminate)
        {
            await ActAsync(i, "terminate", async () =>
            {
                await provisioner.TerminateAsync(i.ExternalId, cancellationToken);
                if (i.ContractId is not null)
                {
                    await api.TerminatedAsync(i.ContractId, cancellationToken);
                    if (gateway is not null)
                    {
                        await gateway.WithdrawAsync(i.ContractId, cancellationToken);
                    }
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
        if (gateway is not null)
        {
            await gateway.ReconcileAsync(cancellationToken);
        }
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
                LogOrphanSeen(logger, orphan.ExternalId, options.OrphanGrace.TotalSeconds);
                continue;
            }

            if (now - firstSeen >= options.OrphanGrace && await ActAsync(orphan, "terminate orphan", () => provisioner.TerminateAsync(orphan.ExternalId, cancellationToken)))
            {
                _orphansSeen.Remove(orphan.ExternalId);
            }
        }
    }

    private async Task<bool> ActAsync(ReconciledInstance instance, string action, Func<Task> act)
    {
        try
        {
            await act();
            LogActed(logger, action, instance.ExternalId, instance.ContractId);
            return true;
        }
        catch (Exception ex) when (ex is ProvisioningException or ProviderApiException or HttpRequestException or GatewayException)
        {
            LogActFailed(logger, action, instance.ExternalId, ex.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Action} instance {ExternalId} (contract {ContractId})")]
    private static partial void LogActed(ILogger logger, string action, string externalId, string? contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Action} instance {ExternalId}: {Reason}; retrying next round")]
    private static partial void LogActFailed(ILogger logger, string action, string externalId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {ExternalId} belongs to no contract of this provider; it is removed after {GraceSeconds} s unless claimed")]
    private static partial void LogOrphanSeen(ILogger logger, string externalId, double graceSeconds);
}
