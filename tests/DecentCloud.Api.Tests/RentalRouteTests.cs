using System.Net;
using System.Text.Json;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Books;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Rentals;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;
using Client = DecentCloud.Api.Client;

namespace DecentCloud.Api.Tests;

/// <summary>
/// <c>POST /api/v1/rentals</c>: the platform prices the rental, takes stock and moves the price from the wallet into
/// escrow in one transaction; rejection, provisioning failure and early cancellation refund it all and free the stock.
/// </summary>
public sealed class RentalRouteTests
{
    // 12.50 USD a month for one day: 12 500 000 000 × 86 400 / 2 592 000 = 416 666 666.67, rounded up.
    private const long DayPriceNano = 416_666_667;

    [Fact]
    public async Task A_price_in_the_body_is_refused_naming_the_field_and_nothing_is_rented()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 3, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);

        foreach (var field in new[] { "price", "priceE8s" })
        {
            var (status, problem) = await world.RentHttpAsync(extra: $",\"{field}\":0");
            Assert.Equal((HttpStatusCode.BadRequest, "price_not_accepted"), (status, problem.GetProperty("code").GetString()));
            Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(UsdAmount.FromWholeUsd(10).Value.NanoUsd, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        Assert.Equal(0, await world.ReservedAsync());
    }

    [Fact]
    public async Task The_platform_prices_the_rental_debits_the_wallet_into_escrow_and_the_payment_gate_is_met()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 3, autoAccept: true);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);

        var (status, contract) = await world.RentHttpAsync();

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(("accepted", true), (contract.GetProperty("state").GetString(), contract.GetProperty("paid").GetBoolean()));
        Assert.Equal(DayPriceNano, contract.GetProperty("rentalPriceE9s").GetInt64());
        var id = ContractId.FromHex(contract.GetProperty("contractId").GetString()).Value;
        Assert.Equal(DayPriceNano, await world.BalanceAsync(LedgerAccount.Escrow(id)));
        Assert.Equal(10_000_000_000 - DayPriceNano, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        Assert.Equal(1, await world.ReservedAsync());
        var debit = await world.FindByKeyAsync("rental:" + id.Hex);
        Assert.Equal(LedgerTransactionKind.RentalDebit, debit!.Kind);
        await world.AssertBooksBalanceAsync();
    }

    [Fact]
    public async Task The_client_package_rents_an_offering()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 1, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(1).Value);

        var contract = await world.RentWithClientAsync();

        Assert.Equal(("requested", true, world.OfferingId.ToString("D")), (contract.State, contract.Paid, contract.OfferingId));
        Assert.Equal(DayPriceNano, contract.RentalPriceE9s);
        Assert.Equal(1_000_000_000 - DayPriceNano, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
    }

    [Fact]
    public async Task The_operators_paid_verb_refuses_a_rental_whose_payment_is_its_escrow()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 1, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(1).Value);
        var (_, contract) = await world.RentHttpAsync();
        var id = ContractId.FromHex(contract.GetProperty("contractId").GetString()).Value;

        var marked = await world.MarkPaidByHandAsync(id);

        Assert.Equal("paid_from_escrow", marked.FirstDomainError().Code);
        Assert.Equal(DayPriceNano, await world.BalanceAsync(LedgerAccount.Escrow(id)));
    }

    [Fact]
    public async Task Without_funds_or_stock_or_within_bounds_nothing_is_created_debited_or_reserved()
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 1, autoAccept: false);

        var (status, problem) = await world.RentHttpAsync();
        Assert.Equal((HttpStatusCode.Conflict, "insufficient_funds"), (status, problem.GetProperty("code").GetString()));
        Assert.Equal(0, await world.ReservedAsync());

        (status, problem) = await world.RentHttpAsync(duration: 60);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_duration"), (status, problem.GetProperty("code").GetString()));

        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);
        Assert.Equal(HttpStatusCode.Created, (await world.RentHttpAsync()).Status);
        (status, problem) = await world.RentHttpAsync();
        Assert.Equal((HttpStatusCode.Conflict, "out_of_stock"), (status, problem.GetProperty("code").GetString()));

        // Only the one rental moved money: the refused one's debit was rolled back with its transaction.
        Assert.Equal(10_000_000_000 - DayPriceNano, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        Assert.Equal(1, await world.ReservedAsync());
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("sqlite", "reject")]
    [InlineData("sqlite", "cancel")]
    [InlineData("sqlite", "fail")]
    [InlineData("postgres", "reject")]
    [InlineData("postgres", "cancel")]
    [InlineData("postgres", "fail")]
    [InlineData("sqlite", "provider-reject")]
    [InlineData("postgres", "provider-reject")]
    public async Task A_rental_that_ends_before_provisioning_gets_the_whole_price_back_and_frees_its_stock(string provider, string how)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api, stock: 1, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);
        var (_, rented) = await world.RentHttpAsync();
        var id = ContractId.FromHex(rented.GetProperty("contractId").GetString()).Value;

        var ended = how switch
        {
            "reject" => await world.MoveAsync(id, ContractState.Rejected),
            "fail" => await world.MoveAsync(id, ContractState.Accepted) && await world.MoveAsync(id, ContractState.ProvisioningFailed),
            "provider-reject" => (await world.ProviderRejectHttpAsync(id)) == HttpStatusCode.OK,
            _ => (await world.CancelHttpAsync(id)) == HttpStatusCode.OK,
        };

        Assert.True(ended);
        Assert.Equal(0, await world.BalanceAsync(LedgerAccount.Escrow(id)));
        Assert.Equal(10_000_000_000, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        Assert.Equal(LedgerTransactionKind.RentalRefund, (await world.FindByKeyAsync("refund:" + id.Hex))!.Kind);
        Assert.Equal(0, await world.ReservedAsync());
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_hundred_concurrent_rentals_against_a_wallet_funded_for_one_hundred_make_exactly_one_hundred(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api, stock: 1000, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromNanoUsd(100 * DayPriceNano).Value);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(world.RentDirectAsync)));

        Assert.Equal(100, outcomes.Count(o => o.ContractId is not null));
        Assert.Equal(100, outcomes.Count(o => o.Refusal == "insufficient_funds"));
        Assert.Equal(0, await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        Assert.Equal(100, await world.ReservedAsync());
        await world.AssertPaidRentalsAsync([.. outcomes.Where(o => o.ContractId is not null).Select(o => o.ContractId!)]);
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Fifty_concurrent_rentals_of_a_stock_of_five_make_exactly_five(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api, stock: 5, autoAccept: false);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(1000).Value);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(world.RentDirectAsync)));

        Assert.Equal(5, outcomes.Count(o => o.ContractId is not null));
        Assert.Equal(45, outcomes.Count(o => o.Refusal == "out_of_stock"));
        Assert.Equal(1000_000_000_000 - (5 * DayPriceNano), await world.BalanceAsync(LedgerAccount.Wallet(world.Renter)));
        await world.AssertPaidRentalsAsync([.. outcomes.Where(o => o.ContractId is not null).Select(o => o.ContractId!)]);
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_sequences_of_rent_reject_fail_and_cancel_keep_the_books_balanced_and_lose_no_money(int seed)
    {
        await using var api = await DatabaseApi.CreateAsync("sqlite");
        var world = await World.CreateAsync(api, stock: 4, autoAccept: false);
        var funded = 5 * DayPriceNano;
        await world.FundAsync(world.Renter, UsdAmount.FromNanoUsd(funded).Value);
        var random = new Random(seed);
        var open = new List<ContractId>();
        var ended = new List<ContractId>();

        for (var step = 0; step < 40; step++)
        {
            var op = open.Count == 0 ? 0 : random.Next(4);
            if (op == 0)
            {
                var (contract, refusal) = await world.RentDirectAsync();
                if (contract is not null)
                {
                    open.Add(ContractId.FromHex(contract).Value);
                }
                else
                {
                    // Refused only for a reason the state explains.
                    Assert.Equal(open.Count == 4 ? "out_of_stock" : "insufficient_funds", refusal);
                }

                continue;
            }

            var victim = open[random.Next(open.Count)];
            var moved = op switch
            {
                1 => await world.MoveAsync(victim, ContractState.Rejected),
                2 => await world.MoveAsync(victim, ContractState.Accepted) && await world.MoveAsync(victim, ContractState.ProvisioningFailed),
                _ => (await world.CancelHttpAsync(victim)) == HttpStatusCode.OK,
            };
            Assert.True(moved);
            open.Remove(victim);
            ended.Add(victim);

            var wallet = await world.BalanceAsync(LedgerAccount.Wallet(world.Renter));
            Assert.InRange(wallet, 0, funded);
            var held = 0L;
            foreach (var id in open)
            {
                held += await world.BalanceAsync(LedgerAccount.Escrow(id));
            }

            Assert.Equal(funded, wallet + held);
            Assert.Equal(0, await world.BalanceAsync(LedgerAccount.Escrow(victim)));
            Assert.Equal(open.Count, await world.ReservedAsync());
        }

        Assert.NotEmpty(ended);
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_provider_reads_its_earnings_over_its_signed_route_and_the_client_package(string provider)
    {
        await using var api = await DatabaseApi.CreateAsync(provider);
        var world = await World.CreateAsync(api, stock: 2, autoAccept: true);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);
        var (_, rented) = await world.RentHttpAsync();
        var id = ContractId.FromHex(rented.GetProperty("contractId").GetString()).Value;
        await world.ProvisionAsync(id);

        var (status, earnings) = await world.EarningsHttpAsync(asOwner: true, "?limit=5");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((DayPriceNano, 0L, 0L, 0L), (earnings.GetProperty("pendingE9s").GetInt64(), earnings.GetProperty("releasedE9s").GetInt64(),
            earnings.GetProperty("paidE9s").GetInt64(), earnings.GetProperty("feesE9s").GetInt64()));
        var expected = new Client.ContractEarnings(id.Hex, "provisioned", DayPriceNano, 0, 0, 0, 0, DayPriceNano);
        var typed = await world.EarningsWithClientAsync();
        Assert.Equal(expected, Assert.Single(typed.Contracts));
        Assert.Equal((DayPriceNano, (int?)null), (typed.PendingE9s, typed.NextOffset));

        var (refused, problem) = await world.EarningsHttpAsync(asOwner: false, "");
        Assert.Equal((HttpStatusCode.Conflict, "provider_profile_required"), (refused, problem.GetProperty("code").GetString()));
        var (badLimit, limitProblem) = await world.EarningsHttpAsync(asOwner: true, "?limit=0");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_limit"), (badLimit, limitProblem.GetProperty("code").GetString()));
        await world.AssertBooksBalanceAsync();
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task The_operator_sees_what_a_provider_is_owed_and_records_its_manual_payout_exactly_once(string provider)
    {
        var operatorKey = TestKey.Random();
        await using var api = await DatabaseApi.CreateAsync(provider, new() { ["DC_ADMIN_PUBLIC_KEYS"] = operatorKey.PublicKeyHex });
        var world = await World.CreateAsync(api, stock: 2, autoAccept: true);
        await world.FundAsync(world.Renter, UsdAmount.FromWholeUsd(10).Value);
        var (_, rented) = await world.RentHttpAsync();
        var id = ContractId.FromHex(rented.GetProperty("contractId").GetString()).Value;
        await world.ProvisionAsync(id);
        Assert.True(await world.MoveAsync(id, ContractState.Active) && await world.MoveAsync(id, ContractState.Completed));

        var (listed, pending) = await world.AdminAsync(operatorKey, HttpMethod.Get, "/api/v1/admin/payment-releases");
        Assert.Equal(HttpStatusCode.OK, listed);
        var line = Assert.Single(pending.EnumerateArray(), l => l.GetProperty("providerPubkey").GetString() == world.ProviderId);
        Assert.Equal((DayPriceNano, 1), (line.GetProperty("totalPendingE9s").GetInt64(), line.GetProperty("releaseCount").GetInt32()));

        string Payout(long amount, string reference) =>
            $$"""{"providerPubkey":"{{world.ProviderId}}","walletAddress":"2vxsx-fae","externalReference":"{{reference}}","amountE9s":{{amount}}}""";
        var (mismatch, mismatchProblem) = await world.AdminAsync(operatorKey, HttpMethod.Post, "/api/v1/admin/payouts", Payout(DayPriceNano - 1, "icpay-tx-1"));
        Assert.Equal((HttpStatusCode.Conflict, "amount_mismatch"), (mismatch, mismatchProblem.GetProperty("code").GetString()));
        var (noReference, _) = await world.AdminAsync(operatorKey, HttpMethod.Post, "/api/v1/admin/payouts", Payout(DayPriceNano, ""));
        Assert.Equal(HttpStatusCode.BadRequest, noReference);
        var (notAdmin, _) = await world.AdminAsync(TestKey.Random(), HttpMethod.Post, "/api/v1/admin/payouts", Payout(DayPriceNano, "icpay-tx-1"));
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin);
        Assert.Equal(DayPriceNano, await world.BalanceAsync(LedgerAccount.Payable(ProviderId.Create(world.ProviderId).Value)));

        var (paid, payout) = await world.AdminAsync(operatorKey, HttpMethod.Post, "/api/v1/admin/payouts", Payout(DayPriceNano, "icpay-tx-1"));
        Assert.Equal(HttpStatusCode.OK, paid);
        Assert.Equal((DayPriceNano, 1), (payout.GetProperty("amountE9s").GetInt64(), payout.GetProperty("releaseIds").GetArrayLength()));
        var (again, againProblem) = await world.AdminAsync(operatorKey, HttpMethod.Post, "/api/v1/admin/payouts", Payout(DayPriceNano, "icpay-tx-2"));
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.NotEqual("ok", againProblem.GetProperty("code").GetString());

        var (_, after) = await world.AdminAsync(operatorKey, HttpMethod.Get, "/api/v1/admin/payment-releases");
        Assert.DoesNotContain(after.EnumerateArray(), l => l.GetProperty("providerPubkey").GetString() == world.ProviderId);
        var (_, earnings) = await world.EarningsHttpAsync(asOwner: true, "");
        Assert.Equal((0L, 0L, DayPriceNano), (earnings.GetProperty("pendingE9s").GetInt64(), earnings.GetProperty("releasedE9s").GetInt64(), earnings.GetProperty("paidE9s").GetInt64()));
        Assert.Equal(DayPriceNano, await world.BalanceAsync(LedgerAccount.Manual));
        Assert.Equal(0, await world.BalanceAsync(LedgerAccount.Payable(ProviderId.Create(world.ProviderId).Value)));
        await world.AssertBooksBalanceAsync();
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<Application.Common.IAuditLog>().RecentAsync(50, Ct);
        Assert.Single(audit, e => e.Action == "payout.record" && e.Outcome == "ok" && e.Actor == operatorKey.PublicKeyHex);
        Assert.Contains(audit, e => e.Action == "payout.record" && e.Outcome == "amount_mismatch");
        Assert.Equal(5, audit.Count(e => e.Action == "admin POST /api/v1/admin/payouts"));
    }

    /// <summary>A provider with one offering and a registered renter, on one API.</summary>
    private sealed class World
    {
        private readonly DatabaseApi _api;
        private readonly HttpClient _client;
        private readonly TestUser _renterUser = new();
        private TestUser _owner = null!;

        private World(DatabaseApi api)
        {
            _api = api;
            _client = api.Factory.CreateClient();
        }

        public Guid Renter { get; private set; }

        public Guid OfferingId { get; private set; }

        public string ProviderId { get; private set; } = "";

        public static async Task<World> CreateAsync(DatabaseApi api, int stock, bool autoAccept)
        {
            var world = new World(api);
            var owner = world._owner = new TestUser();
            await world.RegisterAsync(owner);
            var (status, profile) = await SendAsync(world._client, owner.Signed(HttpMethod.Put, "/api/v1/providers/me/profile",
                $$"""{"name":"Acme Hosting","country":"DE","email":"ops@acme.example","autoAccept":{{(autoAccept ? "true" : "false")}}}"""));
            Assert.Equal(HttpStatusCode.OK, status);
            world.ProviderId = profile.GetProperty("providerId").GetString()!;
            var pool = "pool-" + Guid.NewGuid().ToString("N")[..8];
            Assert.True((await api.Factory.SendAsync(new CreateSetupToken(pool, profile.GetProperty("providerId").GetString()!, null, null))).IsSuccess);
            var (created, offering) = await SendAsync(world._client, owner.Signed(HttpMethod.Post, "/api/v1/providers/me/offerings", $$"""
                {"name":"small","cores":2,"memoryMb":2048,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
                 "backend":"docker","monthlyPriceUsd":"12.50","slaTargetBasisPoints":9990,"minDurationSeconds":3600,"maxDurationSeconds":7776000,"stock":{{stock}}}
                """));
            Assert.Equal(HttpStatusCode.Created, created);
            world.OfferingId = Guid.Parse(offering.GetProperty("id").GetString()!);
            world.Renter = await world.RegisterAsync(world._renterUser);
            return world;
        }

        public Task<(HttpStatusCode Status, JsonElement Body)> RentHttpAsync(long duration = 86400, string extra = "") =>
            SendAsync(_client, _renterUser.Signed(HttpMethod.Post, "/api/v1/rentals",
                $$"""{"offeringId":"{{OfferingId}}","durationSeconds":{{duration}},"sshPublicKey":"{{SshKey}}"{{extra}}}"""));

        public async Task<Client.ContractDetails> RentWithClientAsync()
        {
            await using var services = _api.Factory.ClientServices(device: _renterUser.Device);
            return await services.GetRequiredService<Client.IAccountApi>().RentAsync(new Client.RentalRequest(OfferingId, 86400, SshKey), Ct);
        }

        /// <summary>One rental through the mediator (no HTTP quotas in the way): the contract's id, or the refusal's code.</summary>
        public async Task<(string? ContractId, string? Refusal)> RentDirectAsync()
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
                new RentOffering(new AccountPrincipal(_renterUser.Device.PublicKeyHex, Renter), OfferingId, 86400, SshKey, null, null), Ct);
            return result.IsSuccess ? (result.Value.ContractId, null) : (null, result.FirstDomainError().Code);
        }

        /// <summary>The provider rejects the rental itself, over its signed self-service route.</summary>
        public async Task<HttpStatusCode> ProviderRejectHttpAsync(ContractId id) =>
            (await SendAsync(_client, _owner.Signed(HttpMethod.Post, $"/api/v1/providers/me/contracts/{id.Hex}/reject", "{\"reason\":\"no capacity\"}"))).Status;

        /// <summary>An agent of the provider takes the lease and reports the machine running (the rental's escrow opens).</summary>
        public async Task ProvisionAsync(ContractId id)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var contract = (await scope.ServiceProvider.GetRequiredService<Application.Contracts.IContractStore>().FindAsync(id, Ct))!;
            var agent = Domain.Agents.AgentPublicKey.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;
            var now = DateTimeOffset.UtcNow;
            Assert.True(contract.AcquireLease(agent, now, TimeSpan.FromMinutes(5)).IsSuccess);
            Assert.True(contract.CompleteProvisioning(agent, "vm-1", "{}", "root", now).IsSuccess);
            var unitOfWork = scope.ServiceProvider.GetRequiredService<Application.Common.IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                await unitOfWork.SaveChangesAsync(Ct);
                return true;
            }, Ct);
        }

        public Task<(HttpStatusCode Status, JsonElement Body)> EarningsHttpAsync(bool asOwner, string query) =>
            SendAsync(_client, (asOwner ? _owner : _renterUser).Signed(HttpMethod.Get, "/api/v1/providers/me/earnings" + query));

        public async Task<Client.ProviderEarnings> EarningsWithClientAsync()
        {
            await using var services = _api.Factory.ClientServices(device: _owner.Device);
            return await services.GetRequiredService<Client.IAccountApi>().GetEarningsAsync(cancellationToken: Ct);
        }

        /// <summary>A request signed by <paramref name="key"/> as an operator's admin key.</summary>
        public Task<(HttpStatusCode Status, JsonElement Body)> AdminAsync(TestKey key, HttpMethod method, string path, string? body = null) =>
            SendAsync(_client, ApiFactory.Signed(key, method, path, body, role: Client.SignerRole.Device));

        public async Task<HttpStatusCode> CancelHttpAsync(ContractId id) =>
            (await SendAsync(_client, _renterUser.Signed(HttpMethod.Post, $"/api/v1/contracts/{id.Hex}/cancel"))).Status;

        public async Task<bool> MoveAsync(ContractId id, ContractState to) =>
            (await _api.Factory.SendAsync(new Application.Contracts.ChangeContractState(id, to, "provider", "test"))).IsSuccess;

        public Task<FluentResults.Result> MarkPaidByHandAsync(ContractId id) =>
            _api.Factory.SendAsync(new Application.Contracts.MarkContractPaid(id, "admin"));

        public async Task FundAsync(Guid account, UsdAmount amount)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var topUp = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, "stripe:" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow, null,
                LedgerAccount.Stripe, LedgerAccount.Wallet(account), amount).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(topUp, Ct)).IsSuccess);
        }

        public async Task<long> BalanceAsync(LedgerAccount account)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, Ct);
        }

        public async Task<LedgerTransaction?> FindByKeyAsync(string key)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ILedger>().FindByKeyAsync(key, Ct);
        }

        public async Task<int> ReservedAsync()
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(OfferingId, Ct))!.Reserved;
        }

        /// <summary>Every one of <paramref name="ids"/> is a stored, paid rental of the offering whose escrow holds one day's price.</summary>
        public async Task AssertPaidRentalsAsync(IReadOnlyCollection<string> ids)
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var contracts = scope.ServiceProvider.GetRequiredService<Application.Contracts.IContractStore>();
            var ledger = scope.ServiceProvider.GetRequiredService<ILedger>();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            foreach (var hex in ids)
            {
                var contract = await contracts.FindAsync(ContractId.FromHex(hex).Value, Ct);
                Assert.Equal((OfferingId, DayPriceNano, true), (contract!.RentalOfferingId, contract.RentalPriceNanoUsd, contract.IsPaymentSettled));
                Assert.Equal(DayPriceNano, await ledger.BalanceAsync(LedgerAccount.Escrow(contract.Id), Ct));
            }
        }

        public async Task AssertBooksBalanceAsync()
        {
            await using var scope = _api.Factory.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new VerifyBooks(), Ct);
            Assert.True(report.Value.Balanced, string.Join("; ", report.Value.Discrepancies.Select(d => $"{d.Problem} {d.Subject} {d.Detail}")));
        }

        private async Task<Guid> RegisterAsync(TestUser user)
        {
            var (status, account) = await SendAsync(_client, user.Signed(HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{user.CredentialKeyHex}\",\"label\":\"laptop\"}}"));
            Assert.Equal(HttpStatusCode.Created, status);
            return account.GetProperty("accountId").GetGuid();
        }
    }
}
