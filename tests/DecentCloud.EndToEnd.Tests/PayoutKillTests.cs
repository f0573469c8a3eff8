using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Client;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Domain.Money.Releases;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// Issue 13's acceptance test of automated payouts: the API as a process (SQLite), the ICRC-1 ledger in this process (the
/// local replica in front of the in-memory ledger, on loopback), providers with released escrow, and <c>dc-payout run</c>
/// killed at random points 50 times — the API killed and restarted too — each time run again, new releases arriving
/// between runs. At the end: every payout confirmed in its own block, every provider paid exactly once per payout (the
/// ledger's blocks per recipient), the sum paid equal to the sum released minus what is carried, <c>dc-payout verify</c>
/// agreeing with the ledger, and <c>admin books verify</c> balanced.
/// </summary>
public sealed class PayoutKillTests : IAsyncLifetime
{
    private const int Kills = 50;
    private const int Providers = 8;
    private const decimal IcpPriceUsd = 8.5m;
    private static readonly BigInteger Minted = BigInteger.Pow(10, 15);

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-payout-kill-").FullName;
    private readonly int _apiPort = Programs.FreeTcpPort();
    private readonly int _dnsPort = Programs.FreeTcpPort();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly byte[] _adminSeed = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _walletSeed = RandomNumberGenerator.GetBytes(32);
    private readonly Random _random;
    private readonly int _randomSeed = RandomNumberGenerator.GetInt32(int.MaxValue);
    private readonly List<string> _log = [];
    private int _killed;
    private int _killedWhileSending;
    private Background? _api;
    private InMemoryLedger _ledger = null!;
    private LocalReplica _replica = null!;
    private ServiceProvider _platform = null!;

    public PayoutKillTests() => _random = new Random(_randomSeed);

    private string ApiUrl => $"http://127.0.0.1:{_apiPort}";

    private string AdminPublicKeyHex => Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(_adminSeed));

    private Dictionary<string, string> ApiEnvironment => new()
    {
        ["API_PUBLIC_URL"] = ApiUrl,
        ["DC_LISTEN_URLS"] = ApiUrl,
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{_dnsPort}",
        ["DC_SQLITE_PATH"] = Path.Combine(_dir, "api.db"),
        ["DC_ADMIN_PUBLIC_KEYS"] = AdminPublicKeyHex,
        ["DC_PAYOUT_MINIMUM_USD"] = "1.00",
        // The test's one price round must stay fresh for the whole test.
        ["DC_PRICE_MAX_AGE_SECONDS"] = "3600",
        ["DC_ESCROW_RELEASE_JOB_INTERVAL_SECONDS"] = "86400",
    };

    private Dictionary<string, string> PayoutEnvironment => new()
    {
        ["DC_PAYOUT_API_URL"] = ApiUrl,
        ["DC_PAYOUT_ADMIN_KEY"] = Convert.ToHexString(_adminSeed),
        ["DC_PAYOUT_WALLET_PEM"] = "-----BEGIN PRIVATE KEY-----\n" + Convert.ToBase64String([.. Convert.FromHexString("302e020100300506032b657004220420"), .. _walletSeed]) + "\n-----END PRIVATE KEY-----\n",
        ["DC_PAYOUT_IC_URL"] = _replica.Url.ToString(),
        ["DC_PAYOUT_IC_ROOT_KEY"] = Convert.ToHexString(_replica.RootKeyDer),
    };

    private static string PayoutDll
    {
        get
        {
            var path = Path.Combine(Programs.Root, "src", "Hosts", "DecentCloud.PayoutCli", "bin", Programs.Configuration, "net10.0", "dc-payout.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; build the solution first", path);
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var wallet = Ed25519Identity.FromSeed(_walletSeed);
        _ledger = new InMemoryLedger(wallet.Sender, TimeProvider.System);
        _ledger.Mint(new Account(wallet.Sender), Minted);
        _replica = await LocalReplica.StartAsync(_ledger, Principal.FromText(Token.Icp.LedgerCanisterId!));
        await StartApiAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApplication();
        services.AddDecentCloudPersistence(new PersistenceOptions { SqlitePath = Path.Combine(_dir, "api.db") });
        _platform = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await _platform.DisposeAsync();
        await _replica.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task Killed_fifty_times_every_provider_is_paid_exactly_once_and_the_ledger_agrees()
    {
        var platform = new PlatformClient(ApiUrl, () => ApiEnvironment, _dir, _http);
        var providers = new List<(string Id, Account Account)>();
        for (var i = 0; i < Providers; i++)
        {
            var account = new Account(Ed25519Identity.FromSeed(RandomNumberGenerator.GetBytes(32)).Sender, RandomNumberGenerator.GetBytes(32));
            providers.Add((await ProviderAsync(platform, new IcrcAccount(account.Owner, account.Subaccount).ToString()), account));
        }

        var noAddress = await ProviderAsync(platform, null);
        await PriceAsync();
        long released = 0;
        foreach (var (id, _) in providers)
        {
            released += await ReleaseAsync(id, _random.NextInt64(1_000_000_000, 50_000_000_000));
        }

        released += await ReleaseAsync(noAddress, 7_000_000_000);
        // Dust: below the minimum, carried from run to run.
        released += await ReleaseAsync(providers[0].Id, 0) + 0;

        // Before any run: list and the dry run read the real API (the dust and the provider without an address carried).
        var list = await PayoutAsync("list");
        Assert.All(providers, p => Assert.Contains(p.Id, list.Stdout));
        Assert.Contains(noAddress, list.Stdout);
        var dry = await PayoutAsync("run", "--token", "ICP", "--dry-run");
        Assert.Contains($"at {IcpPriceUsd.ToString(CultureInfo.InvariantCulture)} USD per token", dry.Stdout);
        Assert.Contains($"{noAddress}\t$7.00\t0.00000000 ICP\tno_payout_address", dry.Stdout);
        Assert.Empty(_ledger.Blocks);

        // Until dc-payout has really been killed 50 times (a run may finish before its kill point).
        for (var run = 1; _killed < Kills && run <= 3 * Kills; run++)
        {
            // New money keeps arriving, so most runs have payouts to plan, send and confirm when they are killed.
            foreach (var (id, _) in providers.OrderBy(_ => _random.Next()).Take(_random.Next(2, 6)))
            {
                released += await ReleaseAsync(id, _random.NextInt64(1_000_000_000, 20_000_000_000));
            }

            await RunKilledAsync(run, killApi: run % 10 == 5);
        }

        RunResult? final = null;
        for (var attempt = 0; attempt < 5 && final?.ExitCode != 0; attempt++)
        {
            final = await Programs.RunAsync(Programs.Tool("dotnet"), [PayoutDll, "run", "--token", "ICP"], PayoutEnvironment, _dir, TimeSpan.FromMinutes(3));
        }

        Assert.True(final!.ExitCode == 0, $"{final}\n{Log()}");
        Assert.Contains("0 failed, 0 left open, 0 not sent", final.Stderr);
        var verify = await Programs.RunAsync(Programs.Tool("dotnet"), [PayoutDll, "verify", "--token", "ICP"], PayoutEnvironment, _dir);
        Assert.True(verify.ExitCode == 0, $"{verify}\n{Log()}");

        using var admin = AdminClient(out var api);
        var payouts = await AllPayoutsAsync(api);
        Assert.DoesNotContain(payouts, p => p.State is not "confirmed");
        Assert.Equal(payouts.Count, payouts.Select(p => p.BlockIndex).Distinct().Count());
        var blocks = _ledger.Blocks;
        Assert.Equal(payouts.Count, blocks.Count);
        foreach (var (id, account) in providers)
        {
            var paid = payouts.Where(p => p.ProviderPubkey == id).Select(p => BigInteger.Parse(p.AmountBaseUnits!, CultureInfo.InvariantCulture)).Order().ToList();
            var received = blocks.Where(b => b.To.Owner.Equals(account.Owner) && b.To.Subaccount!.AsSpan().SequenceEqual(account.Subaccount)).Select(b => b.Amount).Order().ToList();
            Assert.Equal(paid, received);
            Assert.Equal(paid.Aggregate(BigInteger.Zero, (a, b) => a + b), _ledger.Balance(account));
        }

        // USD: everything released is either paid (confirmed) or still pending (dust, no address).
        var pending = await api.ListPaymentReleasesAsync(Ct);
        Assert.Equal(released, payouts.Sum(p => p.AmountE9s) + pending.Sum(p => p.TotalPendingE9s));
        Assert.Contains(pending, p => p.ProviderPubkey == noAddress && p.TotalPendingE9s == 7_000_000_000);
        // Tokens: the platform account lost exactly what was sent plus the fees.
        var sent = payouts.Aggregate(BigInteger.Zero, (a, p) => a + BigInteger.Parse(p.AmountBaseUnits!, CultureInfo.InvariantCulture) + BigInteger.Parse(p.FeeBaseUnits!, CultureInfo.InvariantCulture));
        Assert.Equal(Minted - sent, _ledger.Balance(new Account(Ed25519Identity.FromSeed(_walletSeed).Sender)));
        var status = await PayoutAsync("status", payouts[0].PayoutId.ToString());
        Assert.Contains($"state     confirmed (block {payouts[0].BlockIndex})", status.Stdout);
        var books = await platform.AdminAsync("books", "verify");
        Assert.Contains("the books balance.", books);
        // Killed 50 times, some of them while transfers were landing on the ledger.
        Assert.True(_killed >= Kills, Log());
        Assert.True(_killedWhileSending >= 3, Log());
    }

    [Fact]
    public async Task A_run_stopped_by_an_unavailable_ledger_resumes_and_a_transfer_too_old_for_the_ledger_is_replanned_through_the_API()
    {
        var platform = new PlatformClient(ApiUrl, () => ApiEnvironment, _dir, _http);
        var account = new Account(Ed25519Identity.FromSeed(RandomNumberGenerator.GetBytes(32)).Sender, RandomNumberGenerator.GetBytes(32));
        var provider = await ProviderAsync(platform, new IcrcAccount(account.Owner, account.Subaccount).ToString());
        await PriceAsync();
        await ReleaseAsync(provider, 17_000_000_000);
        // The run plans and submits, but the ledger answers TemporarilyUnavailable, so the run stops before any transfer.
        _ledger.Unavailable = true;
        var stopped = await PayoutAsync("run", "--token", "ICP");
        Assert.Equal(1, stopped.ExitCode);
        Assert.Contains("run stopped: TemporarilyUnavailable", stopped.Stderr);
        using var admin = AdminClient(out var api);
        var payout = Assert.Single(await AllPayoutsAsync(api));
        Assert.Equal(("submitted", 1), (payout.State, payout.Attempt));

        // As if it was planned a day ago: its created_at_time is beyond the ledger's window, and the ledger holds no
        // transfer with its memo, so it is re-planned.
        _ledger.Unavailable = false;
        await AgePayoutsAsync(TimeSpan.FromHours(25));
        var resumed = await PayoutAsync("run", "--token", "ICP");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var paid = await api.GetPayoutAsync(payout.PayoutId, Ct);
        Assert.Equal(("confirmed", 2, "0"), (paid.State, paid.Attempt, paid.BlockIndex));
        Assert.NotEqual(payout.MemoHex, paid.MemoHex);
        var block = Assert.Single(_ledger.Blocks);
        Assert.Equal(paid.MemoHex, Convert.ToHexStringLower(block.Memo!));
        Assert.Equal(BigInteger.Parse(paid.AmountBaseUnits!, CultureInfo.InvariantCulture), _ledger.Balance(account));
        Assert.Equal(0, (await PayoutAsync("verify")).ExitCode);
        Assert.Contains("the books balance.", await platform.AdminAsync("books", "verify"));
    }

    /// <summary>Moves every recorded payout's <c>created_at_time</c> back by <paramref name="age"/> (the API's database, directly).</summary>
    private async Task AgePayoutsAsync(TimeSpan age)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "api.db")}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE automated_payouts SET \"CreatedAtTimeNanos\" = \"CreatedAtTimeNanos\" - $age";
        command.Parameters.AddWithValue("$age", age.Ticks * 100);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }

    private Task<RunResult> PayoutAsync(params string[] args) =>
        Programs.RunAsync(Programs.Tool("dotnet"), [PayoutDll, .. args], PayoutEnvironment, _dir, TimeSpan.FromMinutes(3));

    private async Task RunKilledAsync(int kill, bool killApi)
    {
        var blocksBefore = _ledger.Blocks.Count;
        var start = Programs.Start(Programs.Tool("dotnet"), [PayoutDll, "run", "--token", "ICP", "--concurrency", "4"], PayoutEnvironment, _dir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        // The kill point: at random during start-up and planning, right after one of this run's transfers landed
        // (between the ledger's answer and the API's confirmation), or anywhere in the run.
        var exited = process.WaitForExitAsync(Ct);
        var watch = Stopwatch.StartNew();
        var mode = _random.Next(3);
        var delay = TimeSpan.FromMilliseconds(mode == 0 ? _random.Next(50, 700) : _random.Next(50, 2500));
        if (mode == 1)
        {
            var landed = blocksBefore + _random.Next(1, 4);
            while (!exited.IsCompleted && _ledger.Blocks.Count < landed && watch.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(5, Ct);
            }

            delay = watch.Elapsed;
        }
        else
        {
            await Task.WhenAny(exited, Task.Delay(delay, Ct));
        }
        if (killApi)
        {
            await _api!.DisposeAsync();
            _api = null;
            await Task.WhenAny(exited, Task.Delay(TimeSpan.FromMilliseconds(_random.Next(0, 500)), Ct));
        }

        string how;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            how = $"killed after {delay.TotalMilliseconds:F0} ms";
            _killed++;
            _killedWhileSending += _ledger.Blocks.Count > blocksBefore ? 1 : 0;
        }
        else
        {
            // A run that ends by itself ends with 0 (all done) or 1 (stopped, or the API went away): never a crash.
            Assert.True(process.ExitCode is 0 or 1, $"run {kill}: exit {process.ExitCode}\n{await stdout}\n{await stderr}");
            how = $"exit {process.ExitCode}";
        }

        await process.WaitForExitAsync(Ct);
        _log.Add($"run {kill}: {how}{(killApi ? ", API killed" : "")}; ledger blocks {_ledger.Blocks.Count}");
        if (killApi)
        {
            await StartApiAsync();
        }
    }

    private async Task StartApiAsync()
    {
        _api = new Background(Programs.Tool("dotnet"), [Programs.ApiDll], ApiEnvironment, _dir);
        await _api.WaitForTcpAsync(_apiPort, TimeSpan.FromSeconds(60));
    }

    private async Task<string> ProviderAsync(PlatformClient platform, string? payoutAccount)
    {
        var user = await platform.NewUserAsync();
        var payout = payoutAccount is null ? string.Empty : $$""","payoutAccount":"{{payoutAccount}}","payoutToken":"ICP" """;
        var profile = await platform.UserAsync(user, HttpMethod.Put, "/api/v1/providers/me/profile",
            $$"""{"name":"Acme","country":"DE","email":"ops@acme.example","autoAccept":true{{payout}}}""");
        return profile.GetProperty("providerId").GetString()!;
    }

    /// <summary>A released escrow row of <paramref name="netNanoUsd"/> for the provider, its money on the provider's payable (nothing for 0: a dust row of 0.5 USD).</summary>
    private async Task<long> ReleaseAsync(string provider, long netNanoUsd)
    {
        netNanoUsd = netNanoUsd == 0 ? 500_000_000 : netNanoUsd;
        await using var scope = _platform.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var now = DateTimeOffset.UtcNow;
        var contract = ContractId.FromHex(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))).Value;
        var providerId = ProviderId.Create(provider).Value;
        var release = PaymentRelease.Released(contract, providerId, PaymentReleaseKind.Daily, now.AddDays(-1), now, netNanoUsd, PlatformFee.None, now);
        var unitOfWork = services.GetRequiredService<IUnitOfWork>();
        await unitOfWork.InTransactionAsync(async () =>
        {
            services.GetRequiredService<IReleaseStore>().AddRelease(release);
            await unitOfWork.SaveChangesAsync(Ct);
            var moved = LedgerTransaction.Transfer(LedgerTransactionKind.EscrowRelease, "seed:" + release.Id.ToString("N"), now, null,
                LedgerAccount.Stripe, LedgerAccount.Payable(providerId), UsdAmount.FromNanoUsd(netNanoUsd).Value).Value;
            Assert.True((await services.GetRequiredService<ILedger>().PostAsync(moved, Ct)).IsSuccess);
            return true;
        }, Ct);
        return netNanoUsd;
    }

    private async Task PriceAsync()
    {
        await using var scope = _platform.CreateAsyncScope();
        var at = DateTimeOffset.UtcNow;
        scope.ServiceProvider.GetRequiredService<IPriceStore>().AddRound(new PriceRound("ICP", at,
            [new SourceAttempt("kraken", "ICP", IcpPriceUsd, at, true, null)], new ChosenPrice("ICP", IcpPriceUsd, at, 1)));
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private HttpClient AdminClient(out IAdminApi api)
    {
        var signer = new RequestSigner(Ed25519ph.PublicKeyFromSeed(_adminSeed), m => Ed25519ph.Sign(_adminSeed, m.Span));
        var http = new HttpClient(new SigningHandler(signer, SignerRole.Device, TimeProvider.System) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri(ApiUrl + "/"),
        };
        api = DecentCloudApiClient.For<IAdminApi>(http);
        return http;
    }

    private static async Task<List<AutomatedPayout>> AllPayoutsAsync(IAdminApi api)
    {
        var all = new List<AutomatedPayout>();
        while (true)
        {
            var page = await api.ListPayoutsAsync(token: "ICP", offset: all.Count, limit: 100, cancellationToken: Ct);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }

    private string Log() => $"random seed {_randomSeed}\n{string.Join('\n', _log)}\n--- API\n{_api?.Output}";
}
