using System.Text.Json;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Admin;
using DecentCloud.Api.Admin.Books;
using DecentCloud.Application.Books;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Hosting.Cli;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary><c>admin books verify</c> on the API's own services, on both databases.</summary>
public class BooksVerbTests
{
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_verb_is_registered_with_its_limit_option()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, await AdminCli.RunAsync(["admin", "books", "verify", "--help"], stdout, stderr));
        Assert.Contains("--limit", stdout.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task It_passes_on_good_books_and_fails_naming_the_account_after_a_balance_is_tampered_with(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var wallet = LedgerAccount.Wallet(Guid.NewGuid());
        var escrow = LedgerAccount.Escrow(ContractId.FromBytes(Guid.NewGuid().ToByteArray()).Value);
        await PostAsync(api, LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:cs_1", Now, null, LedgerAccount.Stripe, wallet, UsdAmount.FromWholeUsd(30).Value).Value);
        await PostAsync(api, LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, "rent:1", Now, null, wallet, escrow, UsdAmount.FromWholeUsd(10).Value).Value);

        var good = await VerifyAsync(api, json: false);
        Assert.Equal(0, good.ExitCode);
        Assert.StartsWith("2 transaction(s), 4 posting(s), 3 account(s): the books balance.", good.Stdout, StringComparison.Ordinal);
        Assert.Empty(good.Stderr);

        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DecentCloudDbContext>();
            var account = wallet.ToString();
            await db.Database.ExecuteSqlAsync($"UPDATE ledger_balances SET \"Balance\" = \"Balance\" + 1000 WHERE \"Account\" = {account}", Ct);
        }

        var bad = await VerifyAsync(api, json: false);
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("the books do NOT balance.", bad.Stdout, StringComparison.Ordinal);
        Assert.Contains($"balance_mismatch\t{wallet}\tstored balance 20000001000 nano-USD, but its postings sum to 20000000000 nano-USD", bad.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("error: the books do not balance", bad.Stderr, StringComparison.Ordinal);

        var json = await VerifyAsync(api, json: true);
        Assert.Equal(1, json.ExitCode);
        using var report = JsonDocument.Parse(json.Stdout);
        Assert.False(report.RootElement.GetProperty("balanced").GetBoolean());
        Assert.Equal(wallet.ToString(), report.RootElement.GetProperty("discrepancies")[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_limit_out_of_range_is_refused_with_exit_2()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");

        var run = await VerifyAsync(api, json: false, limit: 0);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("limit must be 1-1000", run.Stderr, StringComparison.Ordinal);
    }

    private static async Task PostAsync(DatabaseApi api, LedgerTransaction tx)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(tx, Ct)).IsSuccess);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> VerifyAsync(DatabaseApi api, bool json, int limit = VerifyBooks.DefaultMaxDiscrepancies)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var exit = await BooksVerbs.VerifyAsync(scope.ServiceProvider.GetRequiredService<IMediator>(), new CliOutput(new CliConsole(stdout, stderr), json), limit, Ct);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
