using DecentCloud.Hosting.Cli;
using DecentCloud.PayoutCli.Commands;

namespace DecentCloud.PayoutCli;

/// <summary>
/// <c>dc-payout</c>: the operator's automated ICRC-1 payouts. The plan comes from the API over admin-signed requests,
/// the transfers are signed here with the platform wallet (its key never leaves this machine), and the blocks go back.
/// Exit codes: 0 all done, 1 a payout failed or the run stopped or left one open, 2 bad usage or configuration.
/// </summary>
internal static class PayoutCliApp
{
    /// <summary>Parses <paramref name="args"/> and runs the command against <paramref name="console"/> and <paramref name="host"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, PayoutCliHost host, CancellationToken cancellationToken = default)
    {
        var app = new CliApp("dc-payout: pay providers over ICRC-1 from the operator's machine.", console);
        var context = new PayoutContext(app, host);
        context.AddGlobalOptions();
        app.Root.Subcommands.Add(ListCommand.Create(context));
        app.Root.Subcommands.Add(RunCommand.Create(context));
        app.Root.Subcommands.Add(MarkPaidCommand.Create(context));
        app.Root.Subcommands.Add(StatusCommand.Create(context));
        app.Root.Subcommands.Add(VerifyCommand.Create(context));
        return await app.RunAsync(args, cancellationToken);
    }
}
