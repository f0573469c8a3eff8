using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 12's money path through processes: a user tops up with a signed Stripe webhook, rents a provider's offering
/// from the wallet into escrow, the provider's agent (set up with <c>dc-agent setup token</c>) provisions it on a fake
/// Hetzner, the rented time runs out and the contract completes; the books verified by <c>admin books verify</c> balance.
/// </summary>
public sealed class MoneyPathTests : IAsyncLifetime
{
    private const string StripeSecret = "whsec_money_path_e2e";
    private const string PayoutAccount = "2vxsx-fae";

    // The shortest rental an offering allows; the machine runs this long once provisioned, so it bounds the test's length.
    private const long RentalSeconds = 60;

    // 43 200 USD for 30 days is exactly 1.00 USD for 60 s (monthly × 60 / 2 592 000), so no rounding hides in the price.
    private const string MonthlyPriceUsd = "43200.00";
    private const long PriceNano = 1_000_000_000;
    private const long TopUpCents = 2_500;
    private const long TopUpNano = TopUpCents * 10_000_000;
    private const int PlatformFeePercent = 10;

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-money-e2e-").FullName;
    private readonly int _apiPort = Programs.FreeTcpPort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    // The operator's key: named in DC_ADMIN_PUBLIC_KEYS, it signs the admin routes.
    private readonly AgentSigner _admin = new(RandomNumberGenerator.GetBytes(32));
    private FakeHetzner _hetzner = null!;
    private Background? _api;

    private string ApiUrl => $"http://127.0.0.1:{_apiPort}";

    private string DatabasePath => Path.Combine(_dir, "api.db");

    private Dictionary<string, string> ApiEnvironment => new()
    {
        ["API_PUBLIC_URL"] = ApiUrl,
        ["DC_LISTEN_URLS"] = ApiUrl,
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
        ["DC_SQLITE_PATH"] = DatabasePath,
        ["DC_SWEEP_INTERVAL_SECONDS"] = "1",
        ["DC_HEARTBEAT_INTERVAL_SECONDS"] = "2",
        ["DC_PROVISIONING_LEASE_SECONDS"] = "30",
        ["STRIPE_WEBHOOK_SECRET"] = StripeSecret,
        ["DC_ESCROW_RELEASE_INTERVAL_SECONDS"] = "2",
        ["DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS"] = "1",
        ["DC_PLATFORM_FEE_PERCENT"] = PlatformFeePercent.ToString(CultureInfo.InvariantCulture),
        ["DC_ADMIN_PUBLIC_KEYS"] = _admin.PublicKeyHex,
    };

    private PlatformClient Platform => new(ApiUrl, () => ApiEnvironment, _dir, _http);

    private string ApiOutput => _api?.Output ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        _hetzner = await FakeHetzner.StartAsync();
        _api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], ApiEnvironment, _dir);
        await _api.WaitForTcpAsync(_apiPort, TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _hetzner.DisposeAsync();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task A_stripe_top_up_pays_a_rental_into_escrow_the_agent_runs_it_to_completion_and_the_books_balance()
    {
        var platform = Platform;

        // The provider: an account with a profile (auto-accept, payout address), a pool and a setup token of its own.
        var provider = await platform.NewUserAsync();
        var profile = await platform.UserAsync(provider, HttpMethod.Put, "/api/v1/providers/me/profile", $$"""
            {"name":"Money Path Hosting","country":"DE","email":"ops@money-path.example","autoAccept":true,
             "payoutAccount":"{{PayoutAccount}}","payoutToken":"ICP"}
            """);
        var providerId = profile.GetProperty("providerId").GetString()!;
        Assert.True(profile.GetProperty("autoAccept").GetBoolean());
        var pool = $"money-{Guid.NewGuid():N}"[..20];
        await platform.UserAsync(provider, HttpMethod.Post, "/api/v1/providers/me/pools", $$"""{"name":"{{pool}}"}""");
        var token = (await platform.UserAsync(provider, HttpMethod.Post, "/api/v1/providers/me/setup-tokens", $$"""{"pool":"{{pool}}"}"""))
            .GetProperty("token").GetString()!;

        // Its host: dc-agent set up with that token, provisioning on the fake Hetzner at a loopback address of its own.
        var agentConfig = await SetUpAgentAsync(token);
        var (vmAddress, _) = AgentStack.LoopbackVm(listen: false);
        _hetzner.NextServerAddress = vmAddress;

        var offering = await platform.UserAsync(provider, HttpMethod.Post, "/api/v1/providers/me/offerings", $$"""
            {"name":"money path small","cores":2,"memoryMb":4096,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
             "backend":"hetzner","monthlyPriceUsd":"{{MonthlyPriceUsd}}","slaTargetBasisPoints":9990,
             "minDurationSeconds":{{RentalSeconds}},"maxDurationSeconds":3600,"stock":1}
            """);
        var offeringId = offering.GetProperty("id").GetString()!;

        // The user: finds the offering in the public search, tops up through Stripe's webhook (redelivered: credited once).
        var user = await platform.NewUserAsync();
        var found = await GetPublicAsync("/api/v1/offerings?backend=hetzner&country=DE");
        Assert.Contains(found.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetString() == offeringId && o.GetProperty("providerId").GetString() == providerId);
        var accountId = (await WalletAsync(platform, user)).GetProperty("accountId").GetString()!;
        var sessionId = $"cs_test_{Guid.NewGuid():N}";
        var completed = CheckoutSessionCompleted(sessionId, accountId, TopUpCents);
        Assert.Equal("credited", (await platform.WebhookAsync("/api/v1/webhooks/stripe", "Stripe-Signature", StripeSecret, completed)).GetProperty("outcome").GetString());
        Assert.Equal("already_credited", (await platform.WebhookAsync("/api/v1/webhooks/stripe", "Stripe-Signature", StripeSecret, completed)).GetProperty("outcome").GetString());
        var topUp = await WalletAsync(platform, user);
        Assert.Equal(TopUpNano, topUp.GetProperty("balanceNanoUsd").GetInt64());
        var credit = Assert.Single(topUp.GetProperty("entries").EnumerateArray());
        Assert.Equal(("topup", TopUpNano), (credit.GetProperty("kind").GetString(), credit.GetProperty("amountNanoUsd").GetInt64()));
        Assert.Contains(sessionId, credit.GetProperty("memo").GetString(), StringComparison.Ordinal);

        // The rental: priced by the platform, paid from the wallet into escrow and accepted at once (auto-accept).
        var rental = await platform.UserAsync(user, HttpMethod.Post, "/api/v1/rentals", $$"""
            {"offeringId":"{{offeringId}}","durationSeconds":{{RentalSeconds}},
             "sshPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop"}
            """);
        var contractId = rental.GetProperty("contractId").GetString()!;
        Assert.Equal(("accepted", true), (rental.GetProperty("state").GetString(), rental.GetProperty("paid").GetBoolean()));

        await using var agent = new Background(Programs.Tool("dotnet"), [Programs.AgentDll, "run", "--config", agentConfig], new Dictionary<string, string>(), _dir);
        string Output() => agent.Output + "\n--- api\n" + ApiOutput;
        async Task<string> StateAsync() => (await platform.ContractAsync(user, contractId)).GetProperty("state").GetString()!;

        await AgentStack.WaitUntilAsync(async () => await StateAsync() is "provisioned" or "active", "the rental to be provisioned", Output);

        // Only now does the "machine" answer on its SSH port: the agent's host-key read at provisioning was refused at once
        // (a listener that accepts but never speaks SSH would hold it for SSH.NET's whole timeout), and the next health
        // probe reaches it, which activates the contract; an active contract completes when its rented time runs out.
        using var vm = new TcpListener(IPAddress.Parse(vmAddress), 22);
        vm.Start();
        Assert.Single(_hetzner.Servers, s => s.ContractHex == contractId);
        var wallet = await WalletAsync(platform, user);
        Assert.Equal(TopUpNano - PriceNano, wallet.GetProperty("balanceNanoUsd").GetInt64());
        var debit = Assert.Single(wallet.GetProperty("entries").EnumerateArray(), e => e.GetProperty("kind").GetString() == "rental_debit");
        Assert.Equal(-PriceNano, debit.GetProperty("amountNanoUsd").GetInt64());
        Assert.Equal(1, await ReservedAsync(platform, provider));

        // The price sits in the contract's escrow; whatever a release has moved on already is the provider's or the fee.
        Assert.True(await BalanceAsync($"escrow:{contractId}") > 0, "the escrow is empty while the rented time has only begun");
        Assert.Equal(PriceNano, await EscrowedAndReleasedAsync(providerId, contractId));

        // The rented time runs out: the agent removes the machine, the contract completes and its unit of stock is free
        // again. Nothing comes back to the wallet for time that was used, and the books balance.
        await AgentStack.WaitUntilAsync(async () => await StateAsync() == "completed", "the rental to complete", Output, seconds: (int)RentalSeconds + 60);
        Assert.DoesNotContain(_hetzner.Servers, s => s.ContractHex == contractId);
        Assert.Equal(1, _hetzner.CreatedFor(contractId));
        Assert.Equal(0, await ReservedAsync(platform, provider));
        Assert.Equal(TopUpNano - PriceNano, (await WalletAsync(platform, user)).GetProperty("balanceNanoUsd").GetInt64());
        Assert.Contains("the books balance.", await platform.AdminAsync("books", "verify"), StringComparison.Ordinal);
        Assert.Equal(PriceNano, await EscrowedAndReleasedAsync(providerId, contractId));
        await OperatorPaysTheProviderAsync(platform, provider, providerId, contractId);
    }

    /// <summary>
    /// The release and payout half of the path: the completed rental's escrow was released in full, the platform kept its
    /// fee, the operator sees the provider's pending total, a payout that does not match it or names no reference is
    /// refused, the matching one is recorded, and the provider sees it paid.
    /// </summary>
    private async Task OperatorPaysTheProviderAsync(PlatformClient platform, EndUser provider, string providerId, string contractId)
    {
        // Every period was released (the last one as the final release at the end): the escrow is empty, and the fee
        // (DC_PLATFORM_FEE_PERCENT, taken at each release and rounded there) is in platform revenue.
        const long fee = PriceNano * PlatformFeePercent / 100;
        const long earned = PriceNano - fee;

        // One release per DC_ESCROW_RELEASE_INTERVAL_SECONDS (2 s) plus the final one, each rounding its fee by at most 1 nano-USD.
        const long rounding = (RentalSeconds / 2) + 2;
        await AgentStack.WaitUntilAsync(async () => await BalanceAsync($"escrow:{contractId}") == 0, "the escrow to be released in full", () => ApiOutput);
        var revenue = await BalanceAsync("revenue");
        Assert.InRange(revenue, fee - rounding, fee + rounding);
        var released = PriceNano - revenue;
        Assert.Equal(released, await BalanceAsync($"payable:{providerId}"));
        Assert.Contains("the books balance.", await platform.AdminAsync("books", "verify"), StringComparison.Ordinal);

        // The provider's earnings: all of it released, nothing pending in escrow, nothing paid yet; the contract in the breakdown.
        var earnings = await platform.UserAsync(provider, HttpMethod.Get, "/api/v1/providers/me/earnings");
        Assert.Equal((0L, released, 0L), Totals(earnings));
        Assert.InRange(released, earned - rounding, earned + rounding);
        var line = Assert.Single(earnings.GetProperty("contracts").EnumerateArray(), c => c.GetProperty("contractId").GetString() == contractId);
        Assert.Equal(released, line.GetProperty("releasedE9s").GetInt64());

        // The operator's view (admin-signed): the provider's pending total is exactly what was released.
        var pending = await platform.SignedAsync(_admin, HttpMethod.Get, "/api/v1/admin/payment-releases");
        var row = Assert.Single(pending.EnumerateArray(), r => r.GetProperty("providerPubkey").GetString() == providerId);
        Assert.Equal(released, row.GetProperty("totalPendingE9s").GetInt64());
        Assert.True(row.GetProperty("releaseCount").GetInt32() >= 1, row.ToString());

        // Nothing is marked paid for an amount other than the pending total, nor without the payment's reference.
        string Payout(long amount, string reference) =>
            $$"""{"providerPubkey":"{{providerId}}","walletAddress":"{{PayoutAccount}}","externalReference":"{{reference}}","amountE9s":{{amount}}}""";
        foreach (var refused in new[] { Payout(released - 1, "icpay-short"), Payout(released, "") })
        {
            var (status, body) = await platform.SendSignedAsync(_admin, HttpMethod.Post, "/api/v1/admin/payouts", refused);
            Assert.True((int)status is >= 400 and < 500, $"{refused} was not refused: {(int)status} {body}");
        }

        // A payout signed by a key that is not an admin's is refused as well.
        var (forged, forgedBody) = await platform.SendSignedAsync(provider.Device, HttpMethod.Post, "/api/v1/admin/payouts", Payout(released, "icpay-forged"));
        Assert.True((int)forged is 401 or 403, $"a non-admin key's payout: {(int)forged} {forgedBody}");
        Assert.Equal((0L, released, 0L), Totals(await platform.UserAsync(provider, HttpMethod.Get, "/api/v1/providers/me/earnings")));

        // Paid by hand in ICPay's dashboard, then recorded with its reference: the whole pending total, to the payout address.
        await platform.SignedAsync(_admin, HttpMethod.Post, "/api/v1/admin/payouts", Payout(released, $"icpay-manual-{Guid.NewGuid():N}"));
        var after = await platform.SignedAsync(_admin, HttpMethod.Get, "/api/v1/admin/payment-releases");
        Assert.DoesNotContain(after.EnumerateArray(), r => r.GetProperty("providerPubkey").GetString() == providerId && r.GetProperty("totalPendingE9s").GetInt64() > 0);
        Assert.Equal((0L, 0L, released), Totals(await platform.UserAsync(provider, HttpMethod.Get, "/api/v1/providers/me/earnings")));
        Assert.Contains("the books balance.", await platform.AdminAsync("books", "verify"), StringComparison.Ordinal);

        // The earnings' totals: still in escrow, released to the provider and not yet paid, paid out.
        static (long Pending, long Released, long Paid) Totals(JsonElement e) =>
            (e.GetProperty("pendingE9s").GetInt64(), e.GetProperty("releasedE9s").GetInt64(), e.GetProperty("paidE9s").GetInt64());
    }

    /// <summary>
    /// <c>dc-agent setup token</c> as a provider runs it (joining the pool, registering its gateway), then the run settings
    /// and the fake Hetzner as its backend. This host serves no gateway (no Caddy here), so that section is dropped.
    /// </summary>
    private async Task<string> SetUpAgentAsync(string token)
    {
        var home = Path.Combine(_dir, "provider-host");
        var config = Path.Combine(home, "agent", "config.json");
        var setup = await Programs.RunAsync(
            Programs.Tool("dotnet"),
            [Programs.AgentDll, "setup", "token", "--token", token, "--api-url", ApiUrl, "--gateway-dc-id", "dc-money",
             "--config", config, "--caddy-dir", Path.Combine(home, "caddy"), "--no-reload"]);
        Assert.True(setup.ExitCode == 0, $"{setup}\n--- api\n{ApiOutput}");

        var sshKey = Path.Combine(home, "agent", "ssh_key");
        var keygen = await Programs.RunAsync(Programs.Tool("ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", sshKey]);
        Assert.True(keygen.ExitCode == 0, keygen.ToString());
        var json = JsonNode.Parse(await File.ReadAllTextAsync(config))!.AsObject();
        Assert.True(json.Remove("gateway"), json.ToJsonString());
        json["run"] = JsonSerializer.SerializeToNode(new
        {
            pollSeconds = 1, healthSeconds = 1, reconcileSeconds = 1, stateDir = Path.Combine(home, "state"), sshKeyPath = sshKey,
            hostKeyWaitSeconds = 1, shutdownTimeoutSeconds = 5,
        });
        json["provisioner"] = JsonSerializer.SerializeToNode(new
        {
            type = "hetzner", hetzner = new { apiToken = FakeHetzner.Token, baseAddress = _hetzner.BaseUrl, pollInterval = "00:00:00.200" },
        });
        await File.WriteAllTextAsync(config, json.ToJsonString());
        return config;
    }

    /// <summary>What the rental's price became: still in escrow, released to the provider's payable, or the platform's fee.</summary>
    private async Task<long> EscrowedAndReleasedAsync(string providerId, string contractId) =>
        await BalanceAsync($"escrow:{contractId}") + await BalanceAsync($"payable:{providerId}") + await BalanceAsync("revenue");

    /// <summary>How many units of the provider's one offering running contracts hold.</summary>
    private static async Task<int> ReservedAsync(PlatformClient platform, EndUser provider) =>
        Assert.Single((await platform.UserAsync(provider, HttpMethod.Get, "/api/v1/providers/me/offerings")).EnumerateArray()).GetProperty("reserved").GetInt32();

    private static Task<JsonElement> WalletAsync(PlatformClient platform, EndUser user) => platform.UserAsync(user, HttpMethod.Get, "/api/v1/wallet");

    private async Task<JsonElement> GetPublicAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(ApiUrl + path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>
    /// One account's balance in the books, read from the API's database with the sqlite3 program (the API has no route
    /// for an escrow's or the platform's balance); an account never posted to is 0.
    /// </summary>
    private async Task<long> BalanceAsync(string account)
    {
        Assert.Matches("^[a-z0-9:-]+$", account); // goes into the SQL text below
        var result = await Programs.RunAsync(
            Programs.Tool("sqlite3"),
            ["-cmd", ".timeout 5000", DatabasePath, $"SELECT COALESCE((SELECT \"Balance\" FROM ledger_balances WHERE \"Account\" = '{account}'), 0);"]);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, result.ToString());
        return long.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A <c>checkout.session.completed</c> event in the shape of Stripe's API reference (an Event whose
    /// <c>data.object</c> is the paid Checkout Session), for the account the top-up was opened for.
    /// </summary>
    private static string CheckoutSessionCompleted(string sessionId, string accountId, long cents) => $$"""
        {"id":"evt_{{Guid.NewGuid():N}}","object":"event","api_version":"2025-03-31.basil","created":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},
         "type":"checkout.session.completed","livemode":false,"pending_webhooks":1,"request":{"id":null,"idempotency_key":null},
         "data":{"object":{"id":"{{sessionId}}","object":"checkout.session","mode":"payment","status":"complete","payment_status":"paid",
          "amount_subtotal":{{cents}},"amount_total":{{cents}},"currency":"usd","client_reference_id":"{{accountId}}",
          "metadata":{"account_id":"{{accountId}}"},"payment_intent":"pi_{{Guid.NewGuid():N}}","customer":null} } }
        """;
}
