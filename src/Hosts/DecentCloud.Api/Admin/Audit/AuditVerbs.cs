using System.CommandLine;
using System.Globalization;
using DecentCloud.Application.Common;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.Api.Admin.Audit;

/// <summary>The operator verb reading the audit trail.</summary>
internal static class AuditVerbs
{
    private static readonly CliColumn<AuditEntry>[] Columns =
    [
        new("AT", e => e.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)),
        new("ACTION", e => e.Action),
        new("OUTCOME", e => e.Outcome),
        new("ACTOR", e => e.Actor),
        new("SUBJECT", e => e.Subject),
        new("CLIENT", e => e.ClientAddress ?? string.Empty),
    ];

    public static IEnumerable<Command> Create(AdminContext context)
    {
        var limit = new Option<int>("--limit") { Description = "How many entries, newest first.", DefaultValueFactory = _ => 100 };
        var command = new Command("list-audit", "Lists the newest audit entries (who did what, and how it ended).") { limit };
        context.SetAction(command, async call =>
        {
            var count = call.Parse.GetValue(limit);
            if (count is < 1 or > 100_000)
            {
                return call.Output.Fail("--limit must be between 1 and 100000", 2);
            }

            var entries = await call.Services.GetRequiredService<IAuditLog>().RecentAsync(count, call.CancellationToken);
            await call.Output.WriteListAsync(entries, Columns);
            return 0;
        });
        return [command];
    }
}
