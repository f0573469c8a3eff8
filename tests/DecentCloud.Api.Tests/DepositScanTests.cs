using System.Net;
using System.Numerics;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Client;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Deposits;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Deposits;
using DecentCloud.Icp.Candid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// ICRC-1 deposits end to end: the API scans an ICRC-1 ledger behind the local replica (certified replies through the real
/// agent, as the deposit principal) and credits each deposit to its account's wallet exactly once, on SQLite and PostgreSQL,
/// with two API instances scanning at once and a restart.
/// </summary>
public sealed class DepositScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task A_deposit_to_the_shown_address_is_credited_once_at_the_fresh_price(string provider)
    {
        await using var ledger = await DepositLedger.StartAsync();
        await using var api = await DatabaseApi.CreateAsync(provider, ledger.Settings());
        using var client = api.Factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        DepositAddressDetails address;
        await using (var services = api.Factory.ClientServices(device: user.Device))
        {
            address = await services.GetRequiredService<IAccountApi>().GetDepositAddressAsync(Ct);
        }

        var subaccount = DepositSubaccount.For(address.AccountId);
        Assert.Equal(new IcrcAccount(ledger.DepositPrincipal, subaccount.ToBytes()).ToString(), address.Address);
        Assert.Equal(subaccount.Hex, address.Subaccount);
        Assert.Equal(["ICP"], address.Tokens);
        Assert.Equal(subaccount.ToBytes(), IcrcAccount.Parse(address.Address).Subaccount);

        await DepositLedger.SetPriceAsync(api.Factory, "ICP", 12.345m, DateTimeOffset.UtcNow);
        var block = ledger.Deposit(address.AccountId, 150_000_000);
        await ScanUntilAsync(api.Factory, async () => await WalletAsync(api.Factory, address.AccountId) > 0);
        await api.Factory.SendAsync(new ScanDeposits());
        await api.Factory.SendAsync(new ScanDeposits());

        // 1.5 ICP × $12.345 = $18.5175, credited once however often the ledger is scanned.
        Assert.Equal(18_517_500_000, await WalletAsync(api.Factory, address.AccountId));
        var deposit = Assert.Single(await ListAsync(api.Factory, null));
        Assert.Equal((DepositState.Credited, (long)block, 12.345m, (BigInteger)150_000_000, "ICP", ledger.LedgerId),
            (deposit.State, deposit.BlockIndex, deposit.PriceUsd, deposit.Amount, deposit.Token, deposit.Ledger));
        Assert.Equal(new IcrcAccount(DepositLedger.Payer).ToString(), deposit.FromAccount);
        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            var booked = await scope.ServiceProvider.GetRequiredService<ILedger>().FindByKeyAsync($"icrc1:{ledger.LedgerId}:{block}", Ct);
            Assert.NotNull(booked);
            Assert.Equal(LedgerTransactionKind.TopUp, booked.Kind);
            Assert.Contains(booked.Postings, p => p.Account == LedgerAccount.Icrc1("ICP").Value && p.AmountNanoUsd == -18_517_500_000);
        }

        await AssertBalancedAsync(api.Factory);

        // The sweep to the treasury (the deposit principal's default account): its reply lost once, resent identically,
        // the ledger's Duplicate counted as success; a second sweep sends nothing.
        // (The job every instance runs at start may be the one that sweeps it: the outcome is the same.)
        ledger.Ledger.LoseNextReply = true;
        await api.Factory.SendAsync(new SweepDeposits());
        Assert.Equal(0, await api.Factory.SendAsync(new SweepDeposits()));
        var swept = Assert.Single(await ListAsync(api.Factory, DepositState.Swept));
        var sweep = Assert.Single(ledger.Ledger.Blocks);
        Assert.Equal(subaccount.ToBytes(), sweep.FromSubaccount);
        Assert.Equal(((BigInteger)(150_000_000 - 10_000), (BigInteger?)10_000), (sweep.Amount, sweep.Fee));
        Assert.Equal(swept.SweepMemo, sweep.Memo);
        Assert.Equal((ulong?)swept.SweepCreatedAtNanos, sweep.CreatedAtTime);
        Assert.NotNull(swept.SweepBlock);
        Assert.Equal((BigInteger)(150_000_000 - 10_000), ledger.Ledger.Balance(new DecentCloud.Icp.Agent.Icrc1.Account(ledger.DepositPrincipal)));
        Assert.Equal(BigInteger.Zero, ledger.Ledger.Balance(new DecentCloud.Icp.Agent.Icrc1.Account(ledger.DepositPrincipal, subaccount.ToBytes())));
        Assert.Equal(18_517_500_000, await WalletAsync(api.Factory, address.AccountId));
        await api.Factory.SendAsync(new ScanDeposits());
        Assert.Single(await ListAsync(api.Factory, null));
    }

    [Fact]
    public async Task Below_fee_is_reported_not_credited_a_stranger_subaccount_is_ignored_and_no_fresh_price_waits()
    {
        await using var ledger = await DepositLedger.StartAsync();
        var admin = TestKey.Random();
        var settings = ledger.Settings();
        settings["DC_ADMIN_PUBLIC_KEYS"] = admin.PublicKeyHex;
        await using var factory = new ApiFactory(settings);
        var account = await ShowAddressAsync(factory);

        var dust = ledger.Deposit(account, 10_000);  // exactly the ledger fee
        var stranger = ledger.Send(DepositSubaccount.For(Guid.NewGuid()).ToBytes(), 500_000_000);  // a subaccount shown to nobody: not ours
        var waiting = ledger.Deposit(account, 100_000_000);
        await ScanUntilAsync(factory, async () => await CursorAsync(factory, ledger.LedgerId) == 3);
        var found = await ListAsync(factory, null);
        Assert.Equal([(long)waiting, (long)dust], found.Select(d => d.BlockIndex).OrderDescending());
        Assert.DoesNotContain(found, d => d.BlockIndex == (long)stranger);
        Assert.Equal((DepositState.BelowFee, DepositState.AwaitingPrice), (found.Single(d => d.BlockIndex == (long)dust).State, found.Single(d => d.BlockIndex == (long)waiting).State));
        Assert.Equal(0, await WalletAsync(factory, account));

        // A stale price is no price: the deposit still waits.
        await DepositLedger.SetPriceAsync(factory, "ICP", 9m, DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal(0, (await factory.SendAsync(new ScanDeposits())).Credited);
        Assert.Equal(DepositState.AwaitingPrice, Assert.Single(await ListAsync(factory, DepositState.AwaitingPrice)).State);

        await DepositLedger.SetPriceAsync(factory, "ICP", 10m, DateTimeOffset.UtcNow);
        await ScanUntilAsync(factory, async () => await WalletAsync(factory, account) > 0);
        Assert.Equal(10_000_000_000, await WalletAsync(factory, account));
        Assert.Equal(0, (await factory.SendAsync(new ScanDeposits())).Credited);
        Assert.Equal(10_000_000_000, await WalletAsync(factory, account));

        await using var services = factory.ClientServices(admin: admin);
        var adminApi = services.GetRequiredService<IAdminApi>();
        var below = Assert.Single(await adminApi.ListDepositsAsync("below_fee", cancellationToken: Ct));
        Assert.Equal(((long)dust, "10000", "10000", (long?)null, account), (below.BlockIndex, below.Amount, below.LedgerFee, below.CreditedNanoUsd, below.AccountId));
        var credited = Assert.Single(await adminApi.ListDepositsAsync("credited", cancellationToken: Ct));
        Assert.Equal(((long)waiting, "10", (long?)10_000_000_000), (credited.BlockIndex, credited.PriceUsd, credited.CreditedNanoUsd));
        Assert.Equal(2, (await adminApi.ListDepositsAsync(cancellationToken: Ct)).Count);
        var refused = await Assert.ThrowsAsync<DecentCloudApiException>(() => adminApi.ListDepositsAsync("lost", cancellationToken: Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_state"), (refused.Status, refused.Code));
        await AssertBalancedAsync(factory);
    }

    [Fact]
    public async Task A_sweep_too_old_for_the_ledger_is_planned_again_only_when_the_ledger_has_no_transfer_with_its_memo()
    {
        await using var ledger = await DepositLedger.StartAsync();
        await using var api = new ApiFactory(ledger.Settings());
        // Without the job every instance runs at start, which would sweep before the test plans its old sweeps.
        await using var factory = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            var scheduler = Assert.Single(s, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType?.Name == "RecurringJobScheduler");
            s.Remove(scheduler);
        }));
        var (lost, replanned) = (await ShowAddressAsync(factory), await ShowAddressAsync(factory));
        await DepositLedger.SetPriceAsync(factory, "ICP", 2m, DateTimeOffset.UtcNow);
        ledger.Deposit(lost, 100_000_000);
        ledger.Deposit(replanned, 200_000_000);
        await ScanUntilAsync(factory, async () => (await ListAsync(factory, DepositState.Credited)).Count == 2);

        // Both sweeps were planned more than a day ago; the first one's transfer did execute then (its reply was lost).
        var old = (DateTimeOffset.UtcNow.AddHours(-25) - DateTimeOffset.UnixEpoch).Ticks * 100;
        byte[] lostMemo;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var credited = await scope.ServiceProvider.GetRequiredService<IDepositStore>().ListForUpdateAsync(ledger.LedgerId, DepositState.Credited, 10, Ct);
            foreach (var deposit in credited)
            {
                deposit.PlanSweep(old, [.. "dcsw"u8, .. deposit.Id.ToByteArray(bigEndian: true)]);
            }

            await scope.ServiceProvider.GetRequiredService<DecentCloud.Application.Common.IUnitOfWork>().SaveChangesAsync(Ct);
            var first = credited.Single(d => d.AccountId == lost);
            lostMemo = first.SweepMemo!;
            var executed = new DecentCloud.Icp.Agent.Icrc1.TransferArg(DepositSubaccount.For(lost).ToBytes(), new DecentCloud.Icp.Agent.Icrc1.Account(ledger.DepositPrincipal),
                first.Amount - first.LedgerFee, first.LedgerFee, lostMemo, (ulong)((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).Ticks * 100));
            await ledger.Ledger.CallAsync(ledger.Ledger.CanisterId, "icrc1_transfer", DecentCloud.Icp.Candid.Mapping.CandidSerializer.Encode(executed), Ct);
        }

        // TooOld for both: the first is found in the log (swept, that block), the second is not (planned again, sent next run).
        Assert.Equal(1, await MediateAsync(factory, new SweepDeposits()));
        var found = Assert.Single(await ListAsync(factory, DepositState.Swept));
        Assert.Equal((lost, (long?)2), (found.AccountId, found.SweepBlock));
        var again = Assert.Single(await ListAsync(factory, DepositState.SweepPlanned));
        Assert.True(again.SweepCreatedAtNanos > old);
        Assert.Equal(1, await MediateAsync(factory, new SweepDeposits()));
        Assert.Equal(2, (await ListAsync(factory, DepositState.Swept)).Count);
        Assert.Equal(2, ledger.Ledger.Blocks.Count);
        Assert.Equal((BigInteger)(300_000_000 - 20_000), ledger.Ledger.Balance(new DecentCloud.Icp.Agent.Icrc1.Account(ledger.DepositPrincipal)));
    }

    [Fact]
    public async Task A_deposit_on_a_ledger_whose_token_is_not_priced_is_recorded_unknown_token_and_never_credited()
    {
        // A ledger named by canister id in DC_DEPOSIT_TOKENS: scanned, its deposits reported, none credited (no price exists for it).
        const string other = "mxzaz-hqaaa-aaaar-qaada-cai";
        await using var ledger = await DepositLedger.StartAsync(other);
        await using var factory = new ApiFactory(ledger.Settings(other));
        var account = Guid.NewGuid();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            // The address was shown for a priced token (this API takes none), so it is recorded directly.
            scope.ServiceProvider.GetRequiredService<IDepositStore>().AddAddress(DepositAddress.For(account, DateTimeOffset.UtcNow));
            await scope.ServiceProvider.GetRequiredService<DecentCloud.Application.Common.IUnitOfWork>().SaveChangesAsync(Ct);
        }

        ledger.Deposit(account, 700_000_000);
        await ScanUntilAsync(factory, async () => (await ListAsync(factory, null)).Count > 0);
        var deposit = Assert.Single(await ListAsync(factory, null));
        Assert.Equal((DepositState.UnknownToken, (string?)null, other), (deposit.State, deposit.Token, deposit.Ledger));
        Assert.Equal(0, await WalletAsync(factory, account));
        var off = await factory.SendAsync(new GetDepositAddress(new AccountPrincipal("aa", account)));
        Assert.Equal("deposits_off", ((DecentCloud.Domain.Common.DomainError)off.Errors[0]).Code);
    }

    [Fact]
    public async Task Without_a_deposit_key_the_address_route_answers_503_deposits_off()
    {
        await using var factory = new ApiFactory(new() { ["DC_DEPOSIT_TOKENS"] = "ICP" });
        using var client = factory.CreateClient();
        var user = new TestUser();
        await RegisterAsync(client, user);
        var (status, problem) = await SendAsync(client, user.Signed(HttpMethod.Get, "/api/v1/wallet/deposit-address"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "deposits_off"), (status, problem.GetProperty("code").GetString()));
        Assert.Equal(DepositScanReport.Empty, await factory.SendAsync(new ScanDeposits()));
        using var unsigned = new HttpRequestMessage(HttpMethod.Get, "/api/v1/wallet/deposit-address");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, unsigned)).Status);
    }

    [Fact]
    public async Task Two_instances_scanning_at_once_and_a_restart_credit_every_deposit_exactly_once()
    {
        await using var ledger = await DepositLedger.StartAsync();
        var settings = ledger.Settings();
        settings["DC_DEPOSIT_BLOCKS_PER_READ"] = "3";  // many small pages: many chances to interleave
        await using var first = await DatabaseApi.CreateAsync("postgres", settings);
        var connection = first.Factory.Services.GetRequiredService<PersistenceOptions>().PostgresConnectionString;
        var shared = new Dictionary<string, string?>(settings) { ["DC_POSTGRES_CONNECTION"] = connection };
        var second = new ApiFactory(shared);
        await DepositLedger.SetPriceAsync(first.Factory, "ICP", 7.77m, DateTimeOffset.UtcNow);

        var accounts = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await ShowAddressAsync(i % 2 == 0 ? first.Factory : second));
        }

        var expected = accounts.ToDictionary(a => a, _ => 0L);
        var rng = new Random(13);
        void DepositSome(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var account = accounts[rng.Next(accounts.Count)];
                var amount = i % 7 == 0 ? (BigInteger)rng.Next(1, 10_001) : (BigInteger)rng.Next(10_001, 2_000_000_000);
                ledger.Deposit(account, amount);
                if (amount > 10_000)
                {
                    expected[account] += DepositConversion.ToUsd(amount, 8, 7.77m).Value.NanoUsd;
                }
            }
        }

        DepositSome(30);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first.Factory : second).SendAsync(new ScanDeposits()), Ct)));

        // A restart: the second instance goes away and a new one (no memory of the old) scans on with the first.
        await second.DisposeAsync();
        DepositSome(25);
        await using var third = new ApiFactory(shared);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? first.Factory : third).SendAsync(new ScanDeposits()), Ct)));
        // A scan that finds the cursor locked by the other instance leaves those blocks to it: wait until they are all in.
        await ScanUntilAsync(third, async () => (await ListAsync(third, null)).Count == 55);

        foreach (var (account, nanoUsd) in expected)
        {
            Assert.Equal(nanoUsd, await WalletAsync(third, account));
        }

        var all = await ListAsync(third, null);
        Assert.Equal(55, all.Count);
        Assert.Equal(all.Count, all.Select(d => d.BlockIndex).Distinct().Count());
        Assert.DoesNotContain(all, d => d.State == DepositState.AwaitingPrice);
        Assert.Equal(expected.Values.Sum(), all.Sum(d => d.CreditedNanoUsd ?? 0));
        await using (var scope = third.Services.CreateAsyncScope())
        {
            Assert.Equal(-expected.Values.Sum(), await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Icrc1("ICP").Value, Ct));
        }

        await AssertBalancedAsync(third);
    }

    /// <summary>
    /// Scans until <paramref name="done"/> holds (at most 30 s): a scan that finds the cursor locked by another scanner (the
    /// job every instance runs at start) leaves those blocks to it and returns at once.
    /// </summary>
    private static async Task ScanUntilAsync(WebApplicationFactory<Program> factory, Func<Task<bool>> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            await MediateAsync(factory, new ScanDeposits());
            if (await done())
            {
                return;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "the deposit scan did not get there within 30 s");
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<long?> CursorAsync(WebApplicationFactory<Program> factory, string ledger)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IDepositStore>().FindCursorAsync(ledger, Ct))?.NextBlock;
    }

    private static async Task<Guid> ShowAddressAsync(WebApplicationFactory<Program> factory)
    {
        var account = Guid.NewGuid();
        var shown = await MediateAsync(factory, new GetDepositAddress(new AccountPrincipal(new string('a', 64), account)));
        Assert.True(shown.IsSuccess);
        return account;
    }

    private static async Task<long> WalletAsync(WebApplicationFactory<Program> factory, Guid account)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(LedgerAccount.Wallet(account), Ct);
    }

    private static async Task<IReadOnlyList<Deposit>> ListAsync(WebApplicationFactory<Program> factory, DepositState? state) =>
        (await MediateAsync(factory, new ListDeposits(state?.ToWireName()))).Value;

    private static async Task AssertBalancedAsync(WebApplicationFactory<Program> factory)
    {
        var report = (await MediateAsync(factory, new VerifyBooks())).Value;
        Assert.True(report.Balanced, string.Join("; ", report.Discrepancies.Select(d => $"{d.Problem} {d.Subject} {d.Detail}")));
    }

    private static async Task<T> MediateAsync<T>(WebApplicationFactory<Program> factory, Mediator.ICommand<T> command)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(command, Ct);
    }

    private static async Task<T> MediateAsync<T>(WebApplicationFactory<Program> factory, Mediator.IQuery<T> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(query, Ct);
    }
}
