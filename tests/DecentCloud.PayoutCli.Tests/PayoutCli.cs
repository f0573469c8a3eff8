using DecentCloud.Hosting.Cli;
using DecentCloud.PayoutCli.Sending;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>Runs dc-payout in-process through its entry point, with the given variables and admin client, capturing what it prints.</summary>
internal static class PayoutCli
{
    public static readonly SendPolicy Quick = new() { UnavailableBackoff = TimeSpan.FromMilliseconds(10), UnavailableRetries = 2 };

    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>The variables pointing dc-payout at <paramref name="fixture"/>'s replica and wallet.</summary>
    public static Dictionary<string, string?> Variables(LedgerFixture fixture) => new()
    {
        ["DC_PAYOUT_API_URL"] = "http://127.0.0.1:9/",
        ["DC_PAYOUT_WALLET_PEM"] = fixture.WalletPem,
        ["DC_PAYOUT_IC_URL"] = fixture.Replica.Url.ToString(),
        ["DC_PAYOUT_IC_ROOT_KEY"] = Convert.ToHexString(fixture.Replica.RootKeyDer),
        ["DC_PAYOUT_LEDGER_ICP"] = LedgerFixture.LedgerId.ToText(),
    };

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> variables, FakeAdminApi? api, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var host = new PayoutCliHost
        {
            Configuration = PayoutCliHost.Read(new ConfigurationBuilder().AddInMemoryCollection(variables).Build()),
            AdminApi = api is null ? null : _ => api,
            Policy = Quick,
        };
        var code = await PayoutCliApp.RunAsync(args, new CliConsole(stdout, stderr), host, TestContext.Current.CancellationToken);
        return new Result(code, stdout.ToString(), stderr.ToString());
    }
}
