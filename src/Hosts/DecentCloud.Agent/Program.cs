using System.CommandLine;
using DecentCloud.Agent.Credentials;
using DecentCloud.Agent.Doctor;
using DecentCloud.Agent.Run;
using DecentCloud.Agent.Setup;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

var root = new RootCommand("dc-agent: the DecentCloud provider agent.");
var setup = new Command("setup", "Set up this host's agent.") { SetupTokenCommand.Create(Console.Out, Console.Error) };
root.Subcommands.Add(setup);
root.Subcommands.Add(RunCommand.Create(Console.Error));
root.Subcommands.Add(DoctorCommand.Create(Console.Out));
root.Subcommands.Add(DecryptCommand.Create(Console.Out, Console.Error));

// System.CommandLine would end the process 2 s after SIGTERM; `run` hands the signal to the Generic Host instead,
// which waits for the provisionings in flight up to the configured shutdown timeout.
return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
