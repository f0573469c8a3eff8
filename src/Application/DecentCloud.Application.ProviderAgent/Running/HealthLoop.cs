using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>Checks the kept instances every <see cref="ProviderAgentOptions.HealthInterval"/>; one instance's failure does not skip the others.</summary>
public sealed partial class HealthLoop(IProviderApi api, HealthProbe probe, AgentState state, ProviderAgentOptions options, TimeProvider time, ILogger<HealthLoop> logger)
    : RecurringService("health", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.HealthInterval;

    /// <inheritdoc />
    protected override async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        foreach (var instance in state.Kept.Where(k => k.ContractId is not null))
        {
            try
            {
                var report = await probe.CheckAsync(instance.ExternalId, stoppingToken);
                await api.ReportHealthAsync(instance.ContractId!, report, stoppingToken);
            }
            catch (Exception ex) when (ex is ProvisioningException or ProviderApiException)
            {
                LogCheckFailed(Logger, instance.ContractId!, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check of contract {ContractId} failed: {Reason}")]
    private static partial void LogCheckFailed(ILogger logger, string contractId, string reason);
}
