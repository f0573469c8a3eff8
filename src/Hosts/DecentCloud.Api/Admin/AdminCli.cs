using System.CommandLine;
using DecentCloud.Api.Admin.Agents;
using DecentCloud.Api.Admin.Audit;
using DecentCloud.Api.Admin.Books;
using DecentCloud.Api.Admin.Config;
using DecentCloud.Api.Admin.Contracts;
using DecentCloud.Api.Admin.Dns;
using DecentCloud.Api.Admin.Gateways;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.Api.Admin;

/// <summary>
/// The operator verbs of the API program (<c>DecentCloud.Api admin …</c>). They use the same settings and database
/// as the server; results go to stdout (tables on a terminal, tab-separated when piped, JSON with <c>--json</c>),
/// logs and errors to stderr.
/// </summary>
internal static partial class AdminCli
{
    // One entry per feature file (Admin/<Feature>/<Feature>Verbs.cs); a new feature's verbs are one more line.
    private static readonly Func<AdminContext, IEnumerable<Command>>[] Features =
    [
        AgentVerbs.Create,
        GatewayVerbs.Create,
        DnsVerbs.Create,
        ConfigVerbs.Create,
        ContractVerbs.Create,
        AuditVerbs.Create,
        BooksVerbs.Create,
    ];

    /// <summary>Runs the verbs against the given writers (no terminal: lists come out tab-separated).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, new CliConsole(stdout, stderr));

    /// <summary>Runs the verbs against <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var app = new CliApp("DecentCloud API operator commands.", console);
        var admin = new Command("admin", "Operator commands; they read the same environment and appsettings.json as the server.");
        app.Root.Subcommands.Add(admin);
        var context = new AdminContext(app);
        foreach (var feature in Features)
        {
            foreach (var command in feature(context))
            {
                admin.Subcommands.Add(command);
            }
        }

        // The schema verb needs the database settings only, not the platform (it must run before the schema is current).
        admin.Subcommands.Add(MigrateCommand.Create(console.Out, console.Error, AdminContext.ReadConfiguration));

        return await app.RunAsync(args);
    }
}
