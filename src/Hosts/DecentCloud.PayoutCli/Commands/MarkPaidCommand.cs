using System.CommandLine;
using System.Globalization;
using DecentCloud.Api.Client;

namespace DecentCloud.PayoutCli.Commands;

/// <summary>
/// <c>dc-payout mark-paid</c>: the manual path. The operator paid a provider outside dc-payout and records it
/// (<c>POST /api/v1/admin/payouts</c>): exactly those releases become paid out, or nothing.
/// </summary>
internal static class MarkPaidCommand
{
    public static Command Create(PayoutContext context)
    {
        var provider = new Option<string>("--provider") { Description = "The provider paid (its pubkey / provider id).", Required = true };
        var address = new Option<string>("--wallet-address") { Description = "Where the money went (e.g. ICRC-1 account text).", Required = true };
        var reference = new Option<string>("--reference") { Description = "The payment's reference where it was made (unique).", Required = true };
        var amount = new Option<decimal>("--amount-usd") { Description = "USD paid: the provider's whole pending total, or the sum of --release.", Required = true };
        var releases = new Option<Guid[]>("--release") { Description = "A release paid (repeat); none: all pending releases.", AllowMultipleArgumentsPerToken = true };
        amount.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<decimal>();
            if (value <= 0 || decimal.Round(value * 1_000_000_000m) != value * 1_000_000_000m)
            {
                r.AddError("--amount-usd must be positive with at most 9 decimals.");
            }
        });
        var command = new Command("mark-paid", "Record a payout made by hand (the manual path).") { provider, address, reference, amount, releases };
        context.App.SetAction(command, (parse, output, ct) =>
            context.WithAdminAsync(context.Settings(parse), async api =>
            {
                var e9s = (long)(parse.GetValue(amount) * 1_000_000_000m);
                var ids = parse.GetValue(releases) is { Length: > 0 } some ? some : null;
                var recorded = await api.RecordPayoutAsync(
                    new ManualPayoutRequest(parse.GetValue(provider)!, parse.GetValue(address)!, parse.GetValue(reference)!, e9s, ids), ct);
                await output.WriteResultAsync(recorded,
                    $"payout {recorded.PayoutId}: {Amounts.Usd(recorded.AmountE9s)} to {recorded.ProviderPubkey}, {recorded.ReleaseIds.Count.ToString(CultureInfo.InvariantCulture)} release(s) paid out");
                return 0;
            }));
        return command;
    }
}
