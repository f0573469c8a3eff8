using DecentCloud.Application.ProviderAgent.Reconciling;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>Reconciles every <see cref="ProviderAgentOptions.ReconcileInterval"/>.</summary>
public sealed class ReconcileLoop(Reconciler reconciler, ProviderAgentOptions options, TimeProvider time, ILogger<ReconcileLoop> logger)
    : RecurringService("reconcile", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.ReconcileInterval;

    /// <inheritdoc />
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => reconciler.RunAsync(stoppingToken);
}
