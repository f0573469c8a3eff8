using System.Collections.Concurrent;
using System.Net.Http.Json;
using DecentCloud.Api.Client;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Books;

namespace DecentCloud.Money.Bench;

/// <summary>The phases of the money benchmark, in order, each followed by its exact checks.</summary>
internal sealed class BenchRun(BenchSettings settings) : IDisposable
{
    public const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g bench@load";
    private const long RentalSeconds = 86400;

    // One connection pool for every account, so the figures measure the API, not the client's TLS-free connects.
    private readonly SocketsHttpHandler _transport = new() { MaxConnectionsPerServer = Math.Max(2, settings.Concurrency), PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly List<Measurement> _results = [];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        settings.Validate();
        using var plain = new HttpClient(_transport, disposeHandler: false) { BaseAddress = settings.Api };
        await using var platform = Platform.Open(settings.Postgres, BenchSettings.ReleaseFeePercent);

        Console.Error.WriteLine($"==> setup: a provider (auto-accept) with {settings.Offerings + 1} offerings, {settings.Accounts:N0} renter accounts registered through the API");
        var provider = BenchAccount.Create(_transport, settings.Api);
        await provider.RegisterAsync(cancellationToken);
        await provider.Api.SetProviderProfileAsync(new ProviderProfileUpdate("Bench Hosting", "DE", Email: "ops@bench.example", AutoAccept: true), cancellationToken);
        var pool = $"bench-{_run}";
        await provider.Api.CreatePoolAsync(new PoolCreation(pool), cancellationToken);
        var rentalStock = settings.Accounts * (settings.RentalsPerAccount + 1);
        var offerings = new Guid[settings.Offerings];
        for (var o = 0; o < offerings.Length; o++)
        {
            offerings[o] = (await provider.Api.PublishOfferingAsync(Draft($"bench-small-{o}", pool, rentalStock), cancellationToken)).Id;
        }

        var renters = new BenchAccount[settings.Accounts];
        await Load.RunAsync("setup: registering renter accounts", renters.Length, settings.Concurrency, async i =>
        {
            renters[i] = BenchAccount.Create(_transport, settings.Api);
            await renters[i].RegisterAsync(cancellationToken);
        });
        await platform.VerifyBooksAsync("setup", cancellationToken);

        var health = await Load.RunAsync("(ref) GET /health", settings.HealthRequests, settings.Concurrency, async _ =>
        {
            using var response = await plain.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
        });
        _results.Add(health);

        _results.Add(await CreditsAsync(plain, platform, renters, cancellationToken));
        _results.Add(await DuplicatesAsync(plain, platform, cancellationToken));
        _results.Add(await RentalsAsync(platform, renters, offerings, cancellationToken));
        if (settings.ReleaseContracts > 0)
        {
            await ReleaseRunAsync(platform, provider, pool, cancellationToken);
        }

        Print(health);
    }

    /// <summary>(a) One distinct paid session per delivery; every one must answer <c>credited</c>.</summary>
    private async Task<Measurement> CreditsAsync(HttpClient plain, Platform platform, BenchAccount[] renters, CancellationToken cancellationToken)
    {
        var cents = settings.CentsPerSession;
        var measured = await Load.RunAsync("(a) Stripe webhook credits, distinct sessions", renters.Length * settings.SessionsPerAccount, settings.Concurrency, settings.Postgres, async i =>
        {
            var outcome = await DeliverAsync(plain, StripeDelivery.Completed($"cs_bench_{_run}_a{i:D7}", renters[i % renters.Length].Id, cents), cancellationToken);
            if (outcome != "credited")
            {
                throw new BenchInvariantException($"(a) session {i} answered {outcome}, not credited");
            }
        });

        var expected = cents * settings.SessionsPerAccount * BenchSettings.NanoUsdPerCent;
        foreach (var renter in renters)
        {
            await ExpectAsync(platform, LedgerAccount.Wallet(renter.Id), expected, "(a)", cancellationToken);
        }

        await platform.VerifyBooksAsync("(a)", cancellationToken);
        return measured;
    }

    /// <summary>(b) Each session delivered several times at once: exactly one delivery credits it, the wallet holds it once.</summary>
    private async Task<Measurement> DuplicatesAsync(HttpClient plain, Platform platform, CancellationToken cancellationToken)
    {
        var wallets = Enumerable.Range(0, settings.Duplicates).Select(_ => Guid.NewGuid()).ToArray();
        const long cents = 700;
        var measured = await Load.RunAsync(
            $"(b) the same session delivered {settings.Deliveries} times concurrently", settings.Duplicates, Math.Max(1, settings.Concurrency / settings.Deliveries), settings.Postgres, async g =>
            {
                var body = StripeDelivery.Completed($"cs_bench_{_run}_b{g:D7}", wallets[g], cents);
                var outcomes = await Task.WhenAll(Enumerable.Range(0, settings.Deliveries).Select(_ => DeliverAsync(plain, body, cancellationToken)));
                if (outcomes.Count(o => o == "credited") != 1 || outcomes.Count(o => o == "already_credited") != settings.Deliveries - 1)
                {
                    throw new BenchInvariantException($"(b) session {g}: {string.Join(", ", outcomes)}; expected one credited, the rest already_credited");
                }
            });
        foreach (var wallet in wallets)
        {
            await ExpectAsync(platform, LedgerAccount.Wallet(wallet), cents * BenchSettings.NanoUsdPerCent, "(b)", cancellationToken);
        }

        await platform.VerifyBooksAsync("(b)", cancellationToken);
        return measured with { Operations = settings.Duplicates * settings.Deliveries, Label = measured.Label + " (deliveries/s; latency per session)" };
    }

    /// <summary>
    /// (c) Every account tries one rental more than it is funded for, all accounts at once: exactly its funded number
    /// succeed, the extra one is refused <c>insufficient_funds</c>, every wallet ends at zero, each escrow holds its price.
    /// </summary>
    private async Task<Measurement> RentalsAsync(Platform platform, BenchAccount[] renters, Guid[] offerings, CancellationToken cancellationToken)
    {
        var perAccount = settings.RentalsPerAccount + 1;
        var rented = new ConcurrentBag<(int Renter, string Contract, Guid Offering)>();
        var refused = new int[renters.Length];
        var measured = await Load.RunAsync($"(c) rentals, signed, from funded wallets, {offerings.Length} offering(s)", renters.Length * perAccount, settings.Concurrency, settings.Postgres, async i =>
        {
            // Interleaved, so one account's attempts are in flight together and race for its last dollar.
            var renter = i % renters.Length;
            try
            {
                // An account always rents the same offering, so with several offerings each stock row has its own renters.
                var offering = offerings[renter % offerings.Length];
                var contract = await renters[renter].Api.RentAsync(new RentalRequest(offering, RentalSeconds, SshKey), cancellationToken);
                rented.Add((renter, contract.ContractId, offering));
            }
            catch (DecentCloudApiException refusal) when (refusal.Code == "insufficient_funds")
            {
                Interlocked.Increment(ref refused[renter]);
            }
        });

        var byRenter = rented.GroupBy(r => r.Renter).ToDictionary(g => g.Key, g => g.Count());
        for (var r = 0; r < renters.Length; r++)
        {
            if (byRenter.GetValueOrDefault(r) != settings.RentalsPerAccount || refused[r] != 1)
            {
                throw new BenchInvariantException($"(c) account {r}: {byRenter.GetValueOrDefault(r)} rentals and {refused[r]} refusals, expected {settings.RentalsPerAccount} and 1");
            }

            await ExpectAsync(platform, LedgerAccount.Wallet(renters[r].Id), 0, "(c)", cancellationToken);
        }

        foreach (var (_, contract, _) in rented)
        {
            await ExpectAsync(platform, LedgerAccount.Escrow(ContractId.FromHex(contract).Value), BenchSettings.RentalCents * BenchSettings.NanoUsdPerCent, "(c)", cancellationToken);
        }

        foreach (var offering in offerings)
        {
            var reserved = await platform.ReservedAsync(offering, cancellationToken);
            var expected = rented.Count(r => r.Offering == offering);
            if (reserved != expected)
            {
                throw new BenchInvariantException($"(c) offering {offering} holds {reserved} units of stock for {expected} rentals");
            }
        }

        await platform.VerifyBooksAsync("(c)", cancellationToken);
        return measured with { Operations = rented.Count, Label = measured.Label + $" ({rented.Count:N0} rented, {refused.Sum():N0} refused; rentals/s)" };
    }

    /// <summary>
    /// (d) The running rentals set up (untimed), then the timed release run, the idle run after it and two runs at
    /// once, each checked exactly (<see cref="ReleaseRunPhase"/>).
    /// </summary>
    private async Task ReleaseRunAsync(Platform platform, BenchAccount provider, string pool, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"==> (d) setting up {settings.ReleaseContracts:N0} running rentals for the release runs");
        var offering = await provider.Api.PublishOfferingAsync(Draft("bench-release", pool, settings.ReleaseContracts), cancellationToken);
        var renter = BenchAccount.Create(_transport, settings.Api);
        await renter.RegisterAsync(cancellationToken);
        var (cohort, setUp) = await ReleaseRunPhase.SetUpAsync(platform, renter.Id, offering.Id, settings.ReleaseContracts, cancellationToken);
        Console.Error.WriteLine($"    {settings.ReleaseContracts:N0} running contracts with open escrows set up in {setUp.TotalSeconds:F1} s");
        await platform.VerifyBooksAsync("(d) setup", cancellationToken);
        var (run, idle) = await ReleaseRunPhase.TimeReleaseRunAsync(platform, cohort, cancellationToken);
        _results.Add(run);
        _results.Add(idle);
        _results.Add(await ReleaseRunPhase.TimeTwoRunsAsync(platform, cohort, cancellationToken));
    }

    public void Dispose() => _transport.Dispose();

    private static OfferingDraft Draft(string name, string pool, int stock) =>
        new(name, 2, 2048, 40, "eu-central", "DE", pool, "docker", "30", 9990, 3600, 90L * 86400, stock);

    private async Task<string> DeliverAsync(HttpClient plain, byte[] body, CancellationToken cancellationToken)
    {
        using var request = StripeDelivery.Request(body, settings.StripeSecret);
        using var response = await plain.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchInvariantException($"a webhook delivery answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<WebhookReceipt>(DecentCloudApiJson.Tolerant, cancellationToken))!.Outcome;
    }

    private static async Task ExpectAsync(Platform platform, LedgerAccount account, long nanoUsd, string phase, CancellationToken cancellationToken)
    {
        var balance = await platform.BalanceAsync(account, cancellationToken);
        if (balance != nanoUsd)
        {
            throw new BenchInvariantException($"after {phase}: {account} holds {balance} nano-USD, expected {nanoUsd}");
        }
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "-" : ms.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);

    private void Print(Measurement health)
    {
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-92} {"ops",8} {"seconds",9} {"ops/s",10} {"p50 ms",9} {"p99 ms",9} {"÷ /health",10}");
        foreach (var m in _results)
        {
            // A release run is one call: its releases have no latency of their own (NaN), only the run's time.
            Console.WriteLine($"{m.Label,-92} {m.Operations,8:N0} {m.Seconds,9:N2} {m.PerSecond,10:N1} {Ms(m.P50Ms),9} {Ms(m.P99Ms),9} {m.PerSecond / health.PerSecond,10:N4}");
        }

        Console.WriteLine();
        foreach (var m in _results.Where(m => m.Waits is not null))
        {
            Console.WriteLine($"PostgreSQL during {m.Label[..Math.Min(40, m.Label.Length)]}: {m.Waits}");
        }

        Console.WriteLine();
        Console.WriteLine($"every invariant held: books balanced after each phase, every wallet and escrow exactly as expected; " +
            $"{settings.Accounts} accounts, {settings.Concurrency} requests in flight, machine: {Environment.ProcessorCount} cores");
    }
}
