using DecentCloud.Api.Configuration;
using DecentCloud.Application.Deposits;
using DecentCloud.Domain.Money;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Api.Tests;

/// <summary>The <c>DC_DEPOSIT_*</c> settings: bound, defaulted, refused naming the field, and the deposit key never echoed or logged.</summary>
public sealed class DepositSettingsTests
{
    private const string BadPem = "-----BEGIN PRIVATE KEY-----\nSECRETnotAKey0123456789\n-----END PRIVATE KEY-----\n";

    private static ApiSettings Read(Dictionary<string, string?> values) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Deposits_are_off_by_default_and_the_tokens_name_their_ledgers()
    {
        var defaults = Read([]);
        Assert.Empty(defaults.Deposits.Ledgers);
        Assert.False(defaults.DepositIdentity.HasIdentity);
        Assert.Equal((2m, 500), (defaults.Deposits.StablecoinTolerancePercent, defaults.Deposits.BlocksPerRead));

        var set = Read(new()
        {
            ["DC_DEPOSIT_TOKENS"] = "ICP, ckUSDC,mxzaz-hqaaa-aaaar-qaada-cai", ["DC_DEPOSIT_STABLECOIN_TOLERANCE_PERCENT"] = "1.5",
            ["DC_DEPOSIT_BLOCKS_PER_READ"] = "50", ["DC_DEPOSIT_SCAN_INTERVAL_SECONDS"] = "30",
            ["DC_DEPOSIT_TREASURY_ACCOUNT"] = "aaaaa-aa",
        });
        Assert.Equal(
            [new Application.Deposits.DepositLedger(Token.Icp.LedgerCanisterId!, Token.Icp), new Application.Deposits.DepositLedger(Token.CkUsdc.LedgerCanisterId!, Token.CkUsdc), new Application.Deposits.DepositLedger("mxzaz-hqaaa-aaaar-qaada-cai", null)],
            set.Deposits.Ledgers);
        Assert.Equal((1.5m, 50, TimeSpan.FromSeconds(30), "aaaaa-aa"),
            (set.Deposits.StablecoinTolerancePercent, set.Deposits.BlocksPerRead, set.Jobs.IntervalOf("scan-deposits"), set.DepositIdentity.TreasuryAccount));
    }

    [Theory]
    [InlineData("DC_DEPOSIT_TOKENS", "ICP,not a ledger", "Tokens")]
    [InlineData("DC_DEPOSIT_STABLECOIN_TOLERANCE_PERCENT", "60", "StablecoinTolerancePercent")]
    [InlineData("DC_DEPOSIT_BLOCKS_PER_READ", "0", "DC_DEPOSIT_BLOCKS_PER_READ")]
    [InlineData("DC_DEPOSIT_TREASURY_ACCOUNT", "not-an-account", "TreasuryAccount")]
    [InlineData("DC_DEPOSIT_IDENTITY_PEM_FILE", "/nonexistent/deposit.pem", "IdentityPemFile")]
    [InlineData("DC_DEPOSIT_IDENTITY_PEM", BadPem, "IdentityPem")]
    public void A_bad_deposit_setting_is_refused_naming_it(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_key_file_and_the_key_text_together_are_refused_and_the_key_reaches_no_log()
    {
        await using var ledger = await DepositLedger.StartAsync();
        var settings = ledger.Settings();
        var pem = settings["DC_DEPOSIT_IDENTITY_PEM"]!;
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, pem, TestContext.Current.CancellationToken);
            var both = Assert.Throws<InvalidOperationException>(() => Read(new(settings) { ["DC_DEPOSIT_IDENTITY_PEM_FILE"] = file }));
            Assert.Contains("not both", both.Message, StringComparison.Ordinal);

            // From the file alone, deposits are on; a scan, a sweep and a ledger that fails leave no trace of the key in any log line.
            var logs = new CapturedLogs();
            var fromFile = new Dictionary<string, string?>(settings) { ["DC_DEPOSIT_IDENTITY_PEM"] = null, ["DC_DEPOSIT_IDENTITY_PEM_FILE"] = file };
            await using var factory = new ApiFactory(fromFile);
            await using var logged = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace))));
            var account = Guid.NewGuid();
            Assert.True((await SendAsync(logged, new GetDepositAddress(new Application.Accounts.AccountPrincipal("aa", account)))).IsSuccess);
            await DepositLedger.SetPriceAsync(factory, "ICP", 5m, DateTimeOffset.UtcNow);
            ledger.Deposit(account, 300_000_000);
            await SendAsync(logged, new ScanDeposits());
            await SendAsync(logged, new SweepDeposits());
            ledger.Deposit(account, 300_000_000);
            ledger.Ledger.Unavailable = true;
            await SendAsync(logged, new ScanDeposits());

            Assert.NotEmpty(logs.Lines);
            var all = string.Join("\n", logs.Lines);
            Assert.Contains("deposit", all, StringComparison.OrdinalIgnoreCase);
            var body = pem.Split('\n')[1];
            Assert.DoesNotContain(body, all, StringComparison.Ordinal);
            Assert.DoesNotContain(body[..16], all, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", all, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<T> SendAsync<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory, Mediator.ICommand<T> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command);
    }
}
