using System.CommandLine;
using DecentCloud.Agent.Credentials;
using DecentCloud.Agent.Doctor;
using DecentCloud.Agent.Setup;

namespace DecentCloud.Agent.Tests;

/// <summary>Runs dc-agent commands in-process, capturing what they print.</summary>
internal static class AgentCli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var root = new RootCommand("dc-agent");
        root.Subcommands.Add(new Command("setup") { SetupTokenCommand.Create(stdout, stderr) });
        root.Subcommands.Add(DoctorCommand.Create(stdout));
        root.Subcommands.Add(DecryptCommand.Create(stdout, stderr));
        root.Subcommands.Add(DecentCloud.Agent.Run.RunCommand.Create(stderr));
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
