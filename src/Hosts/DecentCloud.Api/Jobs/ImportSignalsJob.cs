using DecentCloud.Application.Signals;
using DecentCloud.Hosting.Jobs;
using Mediator;

namespace DecentCloud.Api.Jobs;

/// <summary>Imports the configured public listings that are due (see <see cref="ImportExternalSignals"/>).</summary>
internal sealed class ImportSignalsJob(IMediator mediator) : IRecurringJob
{
    public static string Name => "import-signals";

    public async Task RunAsync(CancellationToken cancellationToken) => await mediator.Send(new ImportExternalSignals(), cancellationToken);
}
