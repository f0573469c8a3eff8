using DecentCloud.Api.Client;
using DecentCloud.Icp.Agent.Icrc1;

namespace DecentCloud.PayoutCli.Tests;

/// <summary>dc-payout's commands in-process: the plan from the (in-memory) admin API, the transfers to the local replica.</summary>
public sealed class PayoutCliTests
{
    [Fact]
    public async Task Run_pays_every_provider_prints_each_block_and_a_rerun_sends_nothing()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payouts = Enumerable.Range(1, 3).Select(i => api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 100_000 * i, InMemoryLedger.Fee)).ToList();

        var run = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP", "--concurrency", "2");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("plan ICP 8 10000 False", api.Calls);
        foreach (var payout in payouts)
        {
            var stored = api[payout.PayoutId];
            Assert.Equal("confirmed", stored.State);
            Assert.Contains($"{payout.ProviderPubkey}  {payout.PayoutId}  confirmed  block {stored.BlockIndex}", run.Out);
        }

        Assert.Equal(3, fixture.Inner.Blocks.Count);
        Assert.Contains("3 confirmed, 0 failed, 0 left open, 0 not sent", run.Error);

        var again = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(3, fixture.Inner.Blocks.Count);
        Assert.Contains("0 confirmed", again.Error);
    }

    [Fact]
    public async Task Run_exits_1_when_the_run_stops_on_InsufficientFunds_and_resumes_after_a_top_up()
    {
        await using var fixture = await LedgerFixture.StartAsync(balance: 150_000);
        var api = new FakeAdminApi(fixture.Clock);
        foreach (var i in Enumerable.Range(1, 3))
        {
            api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 100_000, InMemoryLedger.Fee);
        }

        var run = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP", "--concurrency", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run stopped: InsufficientFunds", run.Error);
        Assert.DoesNotContain(api.All, p => p.State == "failed");
        Assert.Single(fixture.Inner.Blocks);

        fixture.Inner.Mint(fixture.Platform, 1_000_000);
        var resumed = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(3, fixture.Inner.Blocks.Count);
        Assert.All(api.All, p => Assert.Equal("confirmed", p.State));
    }

    [Fact]
    public async Task Run_exits_1_when_a_payout_fails()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-1", LedgerFixture.Provider(1).Text, 0, InMemoryLedger.Fee);

        var run = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{payout.PayoutId}  failed  GenericError 1: amount must be positive", run.Out);
    }

    [Fact]
    public async Task Dry_run_shows_the_plan_with_fees_price_and_carried_providers_and_sends_nothing()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-1", LedgerFixture.Provider(1).Text, 123_450_000, InMemoryLedger.Fee, usdE9s: 6_173_000_000);
        api.Carried.Add(new CarriedPayout("provider-dust", 1_000_000, "0", "below_minimum"));
        var variables = PayoutCli.Variables(fixture);
        // A dry run needs no wallet: it reads the ledger anonymously.
        variables.Remove("DC_PAYOUT_WALLET_PEM");

        var run = await PayoutCli.RunAsync(variables, api, "run", "--token", "ICP", "--dry-run");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("plan ICP 8 10000 True", api.Calls);
        Assert.Contains("at 5 USD per token", run.Out);
        Assert.Contains("fee 0.00010000 ICP", run.Out);
        Assert.Contains($"provider-1\t$6.173\t1.23460000\t0.00010000\t1.23450000 ICP\t{payout.ToAccount}\tplanned", run.Out);
        Assert.Contains("provider-dust\t$0.001\t0.00000000 ICP\tbelow_minimum", run.Out);
        Assert.Empty(fixture.Ledger.TransferArgs);
        Assert.Equal("planned", api[payout.PayoutId].State);
    }

    [Fact]
    public async Task List_shows_each_provider_owed_with_its_open_payout()
    {
        var api = new FakeAdminApi(TimeProvider.System);
        var oldest = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero);
        api.Pending.Add(new PendingPaymentRelease("provider-1", 12_500_000_000, 3, oldest));
        api.Pending.Add(new PendingPaymentRelease("provider-2", 1_000_000, 1, oldest));
        var to = LedgerFixture.Provider(1).Text;
        api.Plan("provider-1", to, 1, InMemoryLedger.Fee);

        var list = await PayoutCli.RunAsync(new Dictionary<string, string?>(), api, "list");

        Assert.Equal(0, list.ExitCode);
        var lines = list.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("PROVIDER\tPENDING\tRELEASES\tOLDEST\tPAYOUT", lines[0]);
        Assert.Equal($"provider-1\t$12.50\t3\t2026-11-30 08:15\tICP {to} (planned)", lines[1]);
        Assert.Equal("provider-2\t$0.001\t1\t2026-11-30 08:15\t-", lines[2]);
    }

    [Fact]
    public async Task Status_shows_one_payout_and_an_unknown_id_is_an_error()
    {
        var api = new FakeAdminApi(TimeProvider.System);
        var payout = api.Plan("provider-1", LedgerFixture.Provider(1).Text, 5_000, InMemoryLedger.Fee);

        var status = await PayoutCli.RunAsync(new Dictionary<string, string?>(), api, "status", payout.PayoutId.ToString());
        var unknown = await PayoutCli.RunAsync(new Dictionary<string, string?>(), api, "status", Guid.NewGuid().ToString());

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("state     planned", status.Out);
        Assert.Contains($"memo      {payout.MemoHex}, created_at_time {payout.CreatedAtTimeNanos}, attempt 1", status.Out);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("payout_not_found", unknown.Error);
    }

    [Fact]
    public async Task Mark_paid_records_a_manual_payout()
    {
        var api = new FakeAdminApi(TimeProvider.System);

        var paid = await PayoutCli.RunAsync(new Dictionary<string, string?>(), api,
            "mark-paid", "--provider", "provider-9", "--wallet-address", "acct", "--reference", "tx-1", "--amount-usd", "12.5");

        Assert.Equal(0, paid.ExitCode);
        Assert.Contains("manual provider-9 12500000000", api.Calls);
        Assert.Contains("$12.50 to provider-9", paid.Out);
    }

    [Theory]
    [InlineData("DC_PAYOUT_API_URL", null, "DC_PAYOUT_API_URL (Payout:ApiUrl) is required")]
    [InlineData("DC_PAYOUT_API_URL", "http://example.org/", "DC_PAYOUT_API_URL (Payout:ApiUrl) must use https")]
    [InlineData("DC_PAYOUT_ADMIN_KEY", "abcd", "DC_PAYOUT_ADMIN_KEY (Payout:AdminKey) must hold the admin key's 32-byte Ed25519 seed")]
    public async Task A_bad_setting_exits_2_naming_it(string variable, string? value, string message)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DC_PAYOUT_API_URL"] = "https://api.example.org/",
            ["DC_PAYOUT_ADMIN_KEY"] = new string('1', 64),
        };
        variables[variable] = value;

        var result = await PayoutCli.RunAsync(variables, null, "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Theory]
    [InlineData("DC_PAYOUT_IC_ROOT_KEY", "zz", "DC_PAYOUT_IC_ROOT_KEY (Payout:IcRootKey) must be hex")]
    [InlineData("DC_PAYOUT_LEDGER_ICP", "not a principal", "DC_PAYOUT_LEDGER_ICP (Payout:Ledgers:ICP) is not a canister id")]
    [InlineData("DC_PAYOUT_WALLET_PEM", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "DC_PAYOUT_WALLET_PEM (Payout:WalletPem) is not an Ed25519 (PKCS#8) or secp256k1 private key PEM")]
    [InlineData("DC_PAYOUT_WALLET_PEM", null, "DC_PAYOUT_WALLET_PEM_FILE (Payout:WalletPemFile) or DC_PAYOUT_WALLET_PEM (Payout:WalletPem) is required")]
    public async Task A_bad_ledger_setting_exits_2_naming_it(string variable, string? value, string message)
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var variables = PayoutCli.Variables(fixture);
        variables[variable] = value;

        var result = await PayoutCli.RunAsync(variables, new FakeAdminApi(fixture.Clock), "run", "--token", "ICP");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Empty(fixture.Ledger.TransferArgs);
    }

    [Theory]
    [InlineData("run", "--token", "BTC")]
    [InlineData("run", "--token", "ICP", "--concurrency", "0")]
    [InlineData("run")]
    [InlineData("status", "not-a-guid")]
    [InlineData("bogus")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var result = await PayoutCli.RunAsync(new Dictionary<string, string?>(), new FakeAdminApi(TimeProvider.System), args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
    }

    [Fact]
    public async Task Verify_agrees_with_the_ledger_after_a_run_and_lists_every_mismatch_when_a_record_disagrees()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payouts = Enumerable.Range(1, 4).Select(i => api.Plan($"provider-{i}", LedgerFixture.Provider(i).Text, 10_000 * i, InMemoryLedger.Fee)).ToList();
        Assert.Equal(0, (await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP")).ExitCode);

        var clean = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "verify");

        Assert.True(clean.ExitCode == 0, clean.Out + clean.Error);
        Assert.Contains("4 confirmed payout(s) checked against the ledger, 0 mismatch(es)", clean.Error);
        Assert.Equal("", clean.Out);

        api.Tamper(payouts[0].PayoutId, p => p with { AmountBaseUnits = "10001" });
        api.Tamper(payouts[1].PayoutId, p => p with { ToAccount = LedgerFixture.Provider(9).Text });
        api.Tamper(payouts[2].PayoutId, p => p with { BlockIndex = api[payouts[3].PayoutId].BlockIndex });
        var tampered = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "verify", "--token", "ICP");

        Assert.Equal(1, tampered.ExitCode);
        Assert.Contains("0 mismatch", clean.Error);
        Assert.Contains($"{payouts[0].PayoutId}\tprovider-1\t{api[payouts[0].PayoutId].BlockIndex}\tamount 10000, recorded 10001", tampered.Out);
        Assert.Contains($"{payouts[1].PayoutId}\tprovider-2\t{api[payouts[1].PayoutId].BlockIndex}\tto {LedgerFixture.Provider(2).Text}, recorded {LedgerFixture.Provider(9).Text}", tampered.Out);
        Assert.Contains($"{payouts[2].PayoutId}\tprovider-3\t{api[payouts[3].PayoutId].BlockIndex}\tblock claimed by 2 payouts", tampered.Out);
        Assert.Contains($"{payouts[2].PayoutId}\tprovider-3\t{api[payouts[3].PayoutId].BlockIndex}\tamount 40000, recorded 30000", tampered.Out);
        Assert.Contains($"{payouts[3].PayoutId}\tprovider-4\t{api[payouts[3].PayoutId].BlockIndex}\tblock claimed by 2 payouts", tampered.Out);
    }

    [Fact]
    public async Task Verify_reports_a_block_the_ledger_does_not_hold_and_a_transfer_from_another_account()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock);
        var payout = api.Plan("provider-1", LedgerFixture.Provider(1).Text, 10_000, InMemoryLedger.Fee);
        Assert.Equal(0, (await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP")).ExitCode);
        var stranger = LedgerFixture.Provider(50).Account;
        fixture.Inner.Mint(stranger, 1_000_000);
        fixture.Inner.TransferAs(stranger.Owner, new TransferArg(stranger.Subaccount, LedgerFixture.Provider(2).Account, 10_000, null, Convert.FromHexString(payout.MemoHex!), null));
        var other = api.Plan("provider-2", LedgerFixture.Provider(2).Text, 10_000, InMemoryLedger.Fee);
        api.Tamper(other.PayoutId, p => p with { State = "confirmed", BlockIndex = "1", MemoHex = payout.MemoHex, CreatedAtTimeNanos = null });
        api.Tamper(payout.PayoutId, p => p with { BlockIndex = "7" });

        var verify = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "verify");

        Assert.Equal(1, verify.ExitCode);
        Assert.Contains($"{payout.PayoutId}\tprovider-1\t7\tthe ledger holds no such block", verify.Out);
        Assert.Contains($"{other.PayoutId}\tprovider-2\t1\tfrom {LedgerFixture.Provider(50).Text}, not the platform account {fixture.Wallet.Sender.ToText()}", verify.Out);
        // Block 0 is provider-1's real transfer, which its payout no longer claims (it names block 7): a payment nobody claims.
        Assert.Contains($"{payout.PayoutId}\tprovider-1\t0\ta transfer of 10000 to {LedgerFixture.Provider(1).Text} carries this payout's memo (attempt 1)", verify.Out);
        Assert.Contains("2 confirmed payout(s) checked against the ledger, 3 mismatch(es)", verify.Error);
    }

    [Fact]
    public async Task Run_refuses_a_plan_recorded_on_another_ledger_unless_the_ledger_is_overridden()
    {
        await using var fixture = await LedgerFixture.StartAsync();
        var api = new FakeAdminApi(fixture.Clock) { LedgerCanisterId = "xevnm-gaaaa-aaaar-qafnq-cai" };
        api.Plan("provider-1", LedgerFixture.Provider(1).Text, 10_000, InMemoryLedger.Fee);
        var variables = PayoutCli.Variables(fixture);
        variables.Remove("DC_PAYOUT_LEDGER_ICP");

        var refused = await PayoutCli.RunAsync(variables, api, "run", "--token", "ICP");
        var overridden = await PayoutCli.RunAsync(PayoutCli.Variables(fixture), api, "run", "--token", "ICP");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the API planned on ledger xevnm-gaaaa-aaaar-qafnq-cai, dc-payout would send on ryjl3-tyaaa-aaaaa-aaaba-cai; nothing was sent", refused.Error);
        Assert.Equal(0, overridden.ExitCode);
        Assert.Contains("note: sending on ryjl3-tyaaa-aaaaa-aaaba-cai (DC_PAYOUT_LEDGER_ICP (Payout:Ledgers:ICP)), the API recorded xevnm-gaaaa-aaaar-qafnq-cai", overridden.Error);
        Assert.Single(fixture.Inner.Blocks);
    }
}
