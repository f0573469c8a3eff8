using System.Diagnostics;
using System.Globalization;
using DecentCloud.Hosting.Cli;
using DecentCloud.PayoutCli;
using DecentCloud.PayoutCli.Tests;
using Microsoft.Extensions.Configuration;

// One payout run paying PROVIDERS providers (default 1,000) through dc-payout's own entry point (`run --token ICP
// --concurrency N`), against the local replica (certified replies over loopback HTTP, the real HTTP agent signing as the
// platform wallet) in front of the in-memory ICRC-1 ledger, for each concurrency of CONCURRENCY (default "1,4,16"). The
// admin API is the CLI tests' in-memory one, so the figures are dc-payout's and the ledger path's, not the API's.
// Then `verify` over the same payouts. Every run must confirm every payout with its own block and leave each provider
// exactly its amount; anything else exits non-zero.
var providers = int.Parse(Environment.GetEnvironmentVariable("PROVIDERS") ?? "1000", CultureInfo.InvariantCulture);
var levels = (Environment.GetEnvironmentVariable("CONCURRENCY") ?? "1,4,16").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();

Console.WriteLine($"| concurrency | payouts | run (s) | transfers/s | verify (s) |");
Console.WriteLine("|---:|---:|---:|---:|---:|");
foreach (var concurrency in levels)
{
    await using var fixture = await LedgerFixture.StartAsync(balance: 1_000_000_000_000_000);
    var api = new FakeAdminApi(fixture.Clock);
    var planned = Enumerable.Range(1, providers).Select(i => api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 100_000 + i, InMemoryLedger.Fee)).ToList();
    var variables = new Dictionary<string, string?>
    {
        ["DC_PAYOUT_API_URL"] = "http://127.0.0.1:9/",
        ["DC_PAYOUT_WALLET_PEM"] = fixture.WalletPem,
        ["DC_PAYOUT_IC_URL"] = fixture.Replica.Url.ToString(),
        ["DC_PAYOUT_IC_ROOT_KEY"] = Convert.ToHexString(fixture.Replica.RootKeyDer),
    };
    var host = new PayoutCliHost
    {
        Configuration = PayoutCliHost.Read(new ConfigurationBuilder().AddInMemoryCollection(variables).Build()),
        AdminApi = _ => api,
    };

    var run = Stopwatch.StartNew();
    var code = await Cli(host, "run", "--token", "ICP", "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture));
    run.Stop();
    var verify = Stopwatch.StartNew();
    var verified = await Cli(host, "verify", "--token", "ICP");
    verify.Stop();

    var blocks = fixture.Inner.Blocks;
    var wrong = planned.Where((p, i) => fixture.Inner.Balance(LedgerFixture.Provider(i + 1).Account) != 100_000 + i + 1 || api[p.PayoutId].State != "confirmed").ToList();
    if (code != 0 || verified != 0 || blocks.Count != providers || wrong.Count > 0 || api.All.Select(p => p.BlockIndex).Distinct().Count() != providers)
    {
        Console.Error.WriteLine($"invariant broken at concurrency {concurrency}: exit {code}, verify {verified}, {blocks.Count} blocks, {wrong.Count} providers wrong");
        return 1;
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {concurrency} | {providers:N0} | {run.Elapsed.TotalSeconds:F2} | {providers / run.Elapsed.TotalSeconds:F1} | {verify.Elapsed.TotalSeconds:F2} |"));
}

return 0;

static async Task<int> Cli(PayoutCliHost host, params string[] args)
{
    using var stdout = new StringWriter();
    using var stderr = new StringWriter();
    var code = await PayoutCliApp.RunAsync(args, new CliConsole(stdout, stderr), host);
    if (code != 0)
    {
        Console.Error.WriteLine(stderr.ToString());
    }

    return code;
}
