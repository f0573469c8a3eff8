using System.CommandLine;
using DecentCloud.Application.Dns;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.Api.Admin.Dns;

/// <summary>DNS zone upkeep: <c>cleanup-legacy-cnames</c> (Cloudflare only).</summary>
internal static class DnsVerbs
{
    private static readonly CliColumn<LegacyCnameRow>[] Columns =
    [
        new("ACTION", r => r.Action),
        new("NAME", r => r.Name),
        new("TYPE", r => r.Type),
        new("CONTENT", r => r.Content),
    ];

    public static IEnumerable<Command> Create(AdminContext context) => [CleanupLegacyCnames(context)];

    private static Command CleanupLegacyCnames(AdminContext context)
    {
        // The spec's rule: a dry run unless the operator asks for the deletion.
        var apply = new Option<bool>("--apply") { Description = "Remove the legacy records; without it they are only listed." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the legacy records (the default); cannot be combined with --apply." };
        var command = new Command(
            "cleanup-legacy-cnames",
            "Lists the _acme-challenge.*.{gw_prefix} CNAME records left by the old acme-dns server in the Cloudflare zone (a dry run); --apply removes them.")
        {
            apply,
            dryRun,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(apply) && r.GetValue(dryRun))
            {
                r.AddError("--apply and --dry-run cannot be combined.");
            }
        });
        context.SetAction(command, async call =>
        {
            var dry = !call.Parse.GetValue(apply);
            var result = await call.Mediator.Send(new RemoveLegacyChallengeCnames(dry), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var action = dry ? "would remove" : "removed";
            await call.Output.WriteListAsync(result.Value.Select(r => new LegacyCnameRow(action, r.Name, r.Type, r.Content)).ToList(), Columns);
            await call.Output.Error.WriteLineAsync($"{result.Value.Count} legacy CNAME record(s) {(dry ? "found (dry run, nothing removed; --apply removes them)" : "removed")}.");
            return 0;
        });
        return command;
    }

    /// <summary>One legacy record and what was (or would be) done with it.</summary>
    internal sealed record LegacyCnameRow(string Action, string Name, string Type, string Content);
}
