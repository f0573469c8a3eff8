using System.CommandLine;
using System.Globalization;
using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Commands;

/// <summary><c>dc-payout status &lt;payout-id&gt;</c>: one payout, its state, transfer arguments and block.</summary>
internal static class StatusCommand
{
    public static Command Create(PayoutContext context)
    {
        var id = new Argument<Guid>("payout-id") { Description = "The payout's id." };
        var command = new Command("status", "Show one payout: state, transfer arguments, block or failure.") { id };
        context.App.SetAction(command, (parse, output, ct) =>
            context.WithAdminAsync(context.Settings(parse), async api =>
            {
                var payout = await api.GetPayoutAsync(parse.GetValue(id), ct);
                await output.WriteResultAsync(payout, Describe(payout));
                return payout.State == "failed" ? 1 : 0;
            }));
        return command;
    }

    private static string Describe(AutomatedPayout p)
    {
        var lines = new List<string>
        {
            $"payout    {p.PayoutId}",
            $"provider  {p.ProviderPubkey}",
            $"rail      {p.Rail}",
            $"state     {p.State}{(p.BlockIndex is null ? "" : $" (block {p.BlockIndex})")}{(p.FailureReason is null ? "" : $": {p.FailureReason}")}",
            $"usd       {Amounts.Usd(p.AmountE9s)}",
            $"to        {p.ToAccount}",
        };
        if (p.Token is not null)
        {
            lines.Add($"token     {p.Token} (ledger {p.LedgerCanisterId}) at {p.PriceUsd?.ToString(CultureInfo.InvariantCulture)} USD");
            lines.Add($"amount    {p.AmountBaseUnits} base units, fee {p.FeeBaseUnits} (gross {p.GrossBaseUnits})");
            lines.Add($"memo      {p.MemoHex}, created_at_time {p.CreatedAtTimeNanos}, attempt {p.Attempt}");
        }

        lines.Add($"releases  {string.Join(", ", p.ReleaseIds)}");
        lines.Add($"planned   {p.PlannedAt:yyyy-MM-dd HH:mm:ss}{(p.SettledAt is { } settled ? $", settled {settled:yyyy-MM-dd HH:mm:ss}" : "")}");
        return string.Join('\n', lines);
    }
}
