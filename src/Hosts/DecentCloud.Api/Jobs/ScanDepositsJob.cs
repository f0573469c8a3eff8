using DecentCloud.Application.Deposits;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>
/// Reads the configured ICRC-1 ledgers for new deposits and credits them (see <see cref="ScanDeposits"/>), then sweeps the
/// credited ones to the treasury (<see cref="SweepDeposits"/>); does nothing while deposits are off. Several instances may run
/// it: the ledger's cursor row lock makes each block credited once, and a sweep sent twice is the same transfer.
/// </summary>
internal sealed class ScanDepositsJob(IMediator mediator) : IRecurringJob
{
    public static string Name => "scan-deposits";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await mediator.Send(new ScanDeposits(), cancellationToken);
        await mediator.Send(new SweepDeposits(), cancellationToken);
    }
}
