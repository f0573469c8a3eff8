using DecentCloud.Application.Quality;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Probes the provisioned and active contracts that are due (each once per <c>DC_QUALITY_PROBE_INTERVAL_SECONDS</c>,
/// 300 s by default); several instances share them through row-locked leases.
/// </summary>
internal sealed partial class ProbeContractsJob(IMediator mediator, ILogger<ProbeContractsJob> logger) : IRecurringJob
{
    public static string Name => "probe-contracts";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var probed = await mediator.Send(new ProbeContracts(), cancellationToken);
        if (probed > 0)
        {
            LogProbed(logger, probed);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Probed {Count} contracts")]
    private static partial void LogProbed(ILogger logger, int count);
}
