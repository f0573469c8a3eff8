using System.CommandLine;
using System.Globalization;
using DecentCloud.Api.Client;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>
/// <c>dc-payout list</c>: what every provider is owed, one row each. The payout column shows where an open automated
/// payout (planned or submitted) goes; the admin API does not list providers' payout addresses otherwise, so a provider
/// without an open payout shows <c>-</c> there (<c>run --dry-run</c> shows where each would be paid).
/// </summary>
internal static class ListCommand
{
    /// <summary>One row.</summary>
    internal sealed record Row(string Provider, long PendingE9s, int Releases, DateTimeOffset Oldest, string? Payout);

    public static Command Create(PayoutContext context)
    {
        var command = new Command("list", "What every provider is owed (released, not yet paid out).");
        context.App.SetAction(command, (parse, output, ct) =>
            context.WithAdminAsync(context.Settings(parse), async api =>
            {
                var pending = await api.ListPaymentReleasesAsync(ct);
                var open = new List<AutomatedPayout>();
                foreach (var state in OpenStates)
                {
                    open.AddRange(await PayoutPages.AllAsync(api, state, null, ct));
                }

                var rows = pending.Select(p => new Row(
                    p.ProviderPubkey, p.TotalPendingE9s, p.ReleaseCount, p.OldestReleaseAt,
                    open.FirstOrDefault(o => o.ProviderPubkey == p.ProviderPubkey) is { } payout ? $"{payout.Token} {payout.ToAccount} ({payout.State})" : null)).ToList();
                await output.WriteListAsync(rows, Columns);
                return 0;
            }));
        return command;
    }

    private static readonly string[] OpenStates = ["planned", "submitted"];

    private static readonly CliColumn<Row>[] Columns =
    [
        new("PROVIDER", r => r.Provider),
        new("PENDING", r => Amounts.Usd(r.PendingE9s)),
        new("RELEASES", r => r.Releases.ToString(CultureInfo.InvariantCulture)),
        new("OLDEST", r => r.Oldest.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        new("PAYOUT", r => r.Payout ?? "-"),
    ];
}
