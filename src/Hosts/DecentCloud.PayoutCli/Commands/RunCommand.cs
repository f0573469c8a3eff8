using System.CommandLine;
using System.Globalization;
using DecentCloud.Api.Client;
using DecentCloud.Hosting.Cli;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.PayoutCli.Ledger;
using DecentCloud.PayoutCli.Sending;
using DecentCloud.PayoutCli.Settings;
using Spectre.Console;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>
/// <c>dc-payout run --token T [--dry-run] [--concurrency N]</c>: reads the ledger's decimals and fee, asks the API for
/// the plan (recorded before anything is sent), then sends each payout with the platform wallet and reports its block.
/// Exit 0 when every payout is confirmed, 1 when any failed or the run stopped or left one open.
/// </summary>
internal static class RunCommand
{
    public static Command Create(PayoutContext context)
    {
        var token = new Option<string>("--token") { Description = "The payout token: DC, ICP, ckUSDC or ckUSDT.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show the plan (amounts, fees, price, carried providers) without recording or sending anything." };
        var concurrency = new Option<int>("--concurrency") { Description = "Transfers in flight at once (1-64).", DefaultValueFactory = _ => 4 };
        concurrency.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 64)
            {
                r.AddError("--concurrency must be 1-64.");
            }
        });
        var command = new Command("run", "Pay every provider owed in one token over ICRC-1 (or show the plan with --dry-run).") { token, dryRun, concurrency };
        context.App.SetAction(command, async (parse, output, ct) =>
        {
            var settings = context.Settings(parse);
            var symbol = parse.GetValue(token)!;
            var ledgerId = settings.RequireLedger(symbol);
            var wallet = parse.GetValue(dryRun) ? null : settings.RequireWallet();
            return await context.WithAdminAsync(settings, async api =>
            {
                using var connection = new LedgerConnection(settings, ledgerId, wallet?.Identity);
                byte decimals;
                System.Numerics.BigInteger fee;
                try
                {
                    decimals = await connection.Client.DecimalsAsync(ct);
                    fee = await connection.Client.FeeAsync(ct);
                }
                catch (Exception ex) when (ex is HttpRequestException or IcpProtocolException or CanisterRejectedException or CertificateException)
                {
                    throw new InvalidOperationException($"cannot read the {symbol} ledger {ledgerId.ToText()}: {ex.Message}", ex);
                }
                var plan = await api.PlanPayoutRunAsync(
                    new PayoutRunRequest(symbol, decimals, fee.ToString(CultureInfo.InvariantCulture), parse.GetValue(dryRun)), ct);
                // The payouts record their ledger; sending them on another one would pay on the wrong chain. A ledger
                // override (a local replica) is the operator's explicit choice and only noted.
                var elsewhere = plan.Payouts.Select(p => p.LedgerCanisterId).Append(plan.LedgerCanisterId).FirstOrDefault(l => l != ledgerId.ToText());
                if (elsewhere is not null)
                {
                    if (!settings.Ledgers.ContainsKey(symbol))
                    {
                        throw new InvalidOperationException($"the API planned on ledger {elsewhere}, dc-payout would send on {ledgerId.ToText()}; nothing was sent");
                    }

                    await output.Error.WriteLineAsync($"note: sending on {ledgerId.ToText()} ({PayoutVariables.Name($"Ledgers:{symbol}")}), the API recorded {elsewhere}");
                }

                if (plan.DryRun)
                {
                    await WritePlanAsync(output, plan);
                    return 0;
                }

                var ledger = new Icrc1PayoutLedger(connection.Client);
                var sender = new PayoutSender(api, ledger, new Account(wallet!.Identity.Sender), context.Host.Policy, TimeProvider.System);
                var summary = await SendAsync(output, context.App.Console, plan, new PayoutRunner(sender, parse.GetValue(concurrency)), ct);
                return summary.AllConfirmed ? 0 : 1;
            });
        });
        return command;
    }

    private static async Task<RunSummary> SendAsync(CliOutput output, CliConsole console, PayoutRunPlan plan, PayoutRunner runner, CancellationToken ct)
    {
        if (!output.Json)
        {
            await output.Error.WriteLineAsync(
                $"paying {plan.Payouts.Count} provider(s) in {plan.Token} at {plan.PriceUsd.ToString(CultureInfo.InvariantCulture)} USD, {plan.Carried.Count} carried");
        }

        RunSummary summary;
        if (console.OutIsTerminal && !output.Json)
        {
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
            summary = await ansi.Progress().StartAsync(async progress =>
            {
                var bar = progress.AddTask($"{plan.Token} payouts", maxValue: Math.Max(1, plan.Payouts.Count));
                return await runner.RunAsync(plan.Payouts, outcome =>
                {
                    bar.Increment(1);
                    ansi.WriteLine(outcome.Describe());
                }, ct);
            });
        }
        else
        {
            // Piped: one line per provider as it ends, so a log shows every block even if the run is killed.
            summary = await runner.RunAsync(plan.Payouts, outcome =>
            {
                if (!output.Json)
                {
                    output.Out.WriteLine(outcome.Describe());
                    output.Out.Flush();
                }
            }, ct);
        }

        if (output.Json)
        {
            await output.WriteResultAsync(summary.Outcomes.Select(o => new
            {
                o.Payout.PayoutId, o.Payout.ProviderPubkey, Outcome = o.Kind.ToString().ToLowerInvariant(), o.BlockIndex, o.Reason,
            }).ToList(), "");
        }

        var line = $"{summary.Count(PayoutOutcomeKind.Confirmed)} confirmed, {summary.Count(PayoutOutcomeKind.Failed)} failed, "
            + $"{summary.Count(PayoutOutcomeKind.Left) + summary.Count(PayoutOutcomeKind.Stopped)} left open, {summary.Count(PayoutOutcomeKind.Skipped)} not sent";
        await output.Error.WriteLineAsync(summary.StoppedBecause is { } why ? $"run stopped: {why}; {line}" : line);
        return summary;
    }

    private static async Task WritePlanAsync(CliOutput output, PayoutRunPlan plan)
    {
        if (output.Json)
        {
            await output.WriteResultAsync(plan, "");
            return;
        }

        await output.Out.WriteLineAsync(
            $"dry run: {plan.Token} (ledger {plan.LedgerCanisterId}) at {plan.PriceUsd.ToString(CultureInfo.InvariantCulture)} USD per token "
            + $"(price of {plan.PriceAt:yyyy-MM-dd HH:mm:ss} UTC), {plan.Decimals} decimals, fee {Amounts.Token(plan.Fee, plan.Decimals, plan.Token)}");
        await output.WriteListAsync(plan.Payouts, PlanColumns(plan));
        if (plan.Carried.Count > 0)
        {
            await output.Out.WriteLineAsync("carried to a later run:");
            await output.WriteListAsync(plan.Carried, CarriedColumns(plan));
        }
    }

    private static CliColumn<AutomatedPayout>[] PlanColumns(PayoutRunPlan plan) =>
    [
        new("PROVIDER", p => p.ProviderPubkey),
        new("USD", p => Amounts.Usd(p.AmountE9s)),
        new("GROSS", p => Amounts.Token(p.GrossBaseUnits, plan.Decimals, null)),
        new("FEE", p => Amounts.Token(p.FeeBaseUnits, plan.Decimals, null)),
        new("SENDS", p => Amounts.Token(p.AmountBaseUnits, plan.Decimals, plan.Token)),
        new("TO", p => p.ToAccount),
        new("STATE", p => p.State),
    ];

    private static CliColumn<CarriedPayout>[] CarriedColumns(PayoutRunPlan plan) =>
    [
        new("PROVIDER", c => c.ProviderPubkey),
        new("USD", c => Amounts.Usd(c.PendingE9s)),
        new("WOULD SEND", c => Amounts.Token(c.WouldSendBaseUnits, plan.Decimals, plan.Token)),
        new("WHY", c => c.Reason),
    ];
}
