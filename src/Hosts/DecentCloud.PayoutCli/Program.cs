using DecentCloud.Hosting.Cli;
using DecentCloud.PayoutCli;

return await PayoutCliApp.RunAsync(args, CliConsole.System(), PayoutCliHost.FromEnvironment());
