using System.Text.Json.Nodes;
using CsCheck;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Books;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Application.Releases;
using DecentCloud.Application.Rentals;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Tests.Shared;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Random sequences of the marketplace's money moves through the use cases, over several users, providers and offerings
/// and a moving clock: Stripe top-ups (the webhook use case), rentals (refused when the wallet or the stock is short),
/// the provider's accept and reject, the user's cancel, the agent's provisioning reports (started, provisioned, failed),
/// the operator completing a running contract, escrow release runs (with a 2.5 % platform fee), the operator's manual
/// payouts (the exact pending total, or a wrong amount that must be refused) and clock advances that run the contract
/// timeouts. After every step: the books verify, no wallet is negative, every rental's escrow plus what was refunded and
/// released from it equals what was paid (escrow never negative, a rental that ended before provisioning fully
/// refunded), each offering's reserved stock equals its live rentals, and each provider's payable equals the pending
/// total of its release rows.
/// </summary>
/// <remarks>Each operation is one <see cref="Op"/> value and one case of <see cref="ApplyAsync"/>.</remarks>
public sealed class MarketplaceMoneyPropertyTests : IAsyncLifetime
{
    private const string StripeSecret = "whsec_marketplace_property";
    private const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop";
    private const int Users = 3;

    // Prices and stocks small enough that wallets and stock run out within a sequence: both refusals are exercised.
    private static readonly (string MonthlyUsd, int Stock, bool AutoAccept)[] Offerings = [("10", 2, true), ("3.5", 1, false), ("25", 3, false)];

    private AppHarness? _app;

    private enum Op
    {
        TopUp,
        Rent,
        Accept,
        Reject,
        Cancel,
        StartProvisioning,
        Provisioned,
        ProvisioningFailed,
        AdvanceClock,
        Complete,
        ReleaseRun,
        Payout,
        WrongPayout,
    }

    /// <summary>One move: <paramref name="Who"/> picks the user or contract, <paramref name="Size"/> the amount, offering and duration, or the minutes.</summary>
    private sealed record Step(Op Op, int Who, int Size)
    {
        public override string ToString() => Op switch
        {
            Op.TopUp => $"TopUp(user {Who % Users}, {TopUpCents(Size)} cents)",
            Op.Rent => $"Rent(user {Who % Users}, offering {Size % Offerings.Length}, {RentalDays(Size)} days)",
            Op.AdvanceClock => $"AdvanceClock({ClockMinutes(Size)} min)",
            Op.ReleaseRun => "ReleaseRun",
            Op.Payout or Op.WrongPayout => $"{Op}(pick {Who})",
            _ => $"{Op}(rental #{Who} from the newest)",
        };
    }

    // Weighted so that sequences reach the interesting states: money arrives and rentals are made often enough for the
    // provider's and the agent's moves to find a contract waiting for them.
    private static readonly Gen<Op> Ops = Gen.Frequency(
        (3, Gen.Const(Op.TopUp)), (4, Gen.Const(Op.Rent)), (2, Gen.Const(Op.Accept)), (1, Gen.Const(Op.Reject)), (1, Gen.Const(Op.Cancel)),
        (1, Gen.Const(Op.StartProvisioning)), (3, Gen.Const(Op.Provisioned)), (1, Gen.Const(Op.ProvisioningFailed)), (2, Gen.Const(Op.AdvanceClock)),
        (1, Gen.Const(Op.Complete)), (2, Gen.Const(Op.ReleaseRun)), (1, Gen.Const(Op.Payout)), (1, Gen.Const(Op.WrongPayout)));

    private static readonly Gen<Step> Steps = Gen.Select(Ops, Gen.Int[0, 9], Gen.Int[0, 99], (op, who, size) => new Step(op, who, size));

    private static long TopUpCents(int size) => 2_000 + (size * 100);

    private static int RentalDays(int size) => 1 + (size % 30);

    // Ten minutes to six hours: enough to expire an unanswered request (1 h) or a stalled provisioning (30 min) now and then.
    private static int ClockMinutes(int size) => 10 * (1 + (size % 36));

    public async ValueTask InitializeAsync() =>
        _app = await AppHarness.CreateAsync(configureServices: s => s
            .Configure<TopUpOptions>(o => o.StripeWebhookSecret = StripeSecret)
            .Configure<EscrowOptions>(o =>
            {
                // Hourly, so the clock advances of a sequence (10 min to 6 h) make daily-kind releases as well as final ones.
                o.ReleaseInterval = TimeSpan.FromHours(1);
                o.PlatformFeePercent = 2.5m;
            }));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public Task Any_sequence_of_marketplace_moves_keeps_the_books_balanced_wallets_non_negative_and_every_escrow_accounted_for() =>
        Steps.List[1, 30].SampleAsync(steps => new World(_app!).RunAsync(steps), iter: 30, threads: 1);

    /// <summary>One sample's users, providers, offerings and rentals, all new (the harness's database is shared by the samples).</summary>
    private sealed class World(AppHarness app)
    {
        private readonly string _run = Guid.NewGuid().ToString("N")[..10];
        private readonly List<AccountPrincipal> _users = [];
        private readonly List<(AccountPrincipal Owner, AgentPrincipal Agent, Offering Offering)> _offerings = [];
        private readonly List<Rental> _rentals = [];
        private int _sessions;
        private int _payouts;

        private static CancellationToken Ct => TestContext.Current.CancellationToken;

        public async Task RunAsync(List<Step> steps)
        {
            await SetUpAsync();
            for (var i = 0; i < steps.Count; i++)
            {
                var outcome = await ApplyAsync(steps[i]);
                await CheckInvariantsAsync($"after step {i} {steps[i]} ({outcome})");
            }
        }

        private async Task SetUpAsync()
        {
            for (var i = 0; i < Users; i++)
            {
                _users.Add(await app.AccountAsync());
                // A first top-up each, so short sequences already rent; the generated top-ups and rentals then run wallets dry.
                await TopUpAsync(_users[i], 2_000);
            }

            for (var i = 0; i < Offerings.Length; i++)
            {
                var (monthly, stock, autoAccept) = Offerings[i];
                var pool = $"mm-{_run}-{i}";
                var owner = await app.ProviderAsync(pool);
                Assert.True((await app.SendAsync(new SetProviderProfile(owner, ProviderAccountsHarness.Profile with { AutoAccept = autoAccept }))).IsSuccess);
                var published = await app.SendAsync(new PublishOffering(owner, new OfferingFields(
                    $"offer-{i}", 2, 2048, 40, "eu-central", "DE", pool, "docker", monthly, 9990, 3600, 90L * 86400, stock)));
                Assert.True(published.IsSuccess, string.Join("; ", published.Errors));
                await using var scope = app.Scope();
                var poolId = (await scope.ServiceProvider.GetRequiredService<IAgentPoolStore>().FindByNameAsync(pool, Ct))!.Id;
                var provider = ProviderProfile.ProviderIdOf(owner.AccountId!.Value).Value;
                _offerings.Add((owner, AppHarness.Agent(provider) with { PoolId = poolId }, published.Value));
            }
        }

        /// <summary>Applies one move through its use case and checks its answer against what the state before allows.</summary>
        private async Task<string> ApplyAsync(Step step)
        {
            switch (step.Op)
            {
                case Op.TopUp:
                    return await TopUpAsync(_users[step.Who % Users], TopUpCents(step.Size));
                case Op.Rent:
                    return await RentAsync(_users[step.Who % Users], step.Size % _offerings.Count, RentalDays(step.Size));
                case Op.AdvanceClock:
                    app.Time.Advance(TimeSpan.FromMinutes(ClockMinutes(step.Size)));
                    return $"{await app.SendAsync(new ApplyContractTimeouts())} timed out";
                case Op.ReleaseRun:
                    return $"{await app.SendAsync(new ReleaseEscrow())} released";
                case Op.Payout or Op.WrongPayout:
                    return await PayOutAsync(step.Who, exact: step.Op == Op.Payout);
            }

            if (_rentals.Count == 0)
            {
                return "no rental yet";
            }

            // Counted from the newest, so most moves land on a rental that still waits for something.
            var rental = _rentals[^(1 + (step.Who % _rentals.Count))];
            var state = (await ContractAsync(rental)).State;
            var provisionable = state is ContractState.Accepted or ContractState.Provisioning;
            (IResultBase Result, bool Allowed) applied = step.Op switch
            {
                Op.Accept or Op.Reject => (await app.SendAsync(new DecideOwnContract(rental.Owner, rental.Id.Hex, step.Op == Op.Accept, "property test")),
                    state is ContractState.Requested or ContractState.Pending),
                Op.Cancel => (await app.SendAsync(new CancelContract(rental.User, rental.Id.Hex, null)), ContractStates.CanMove(state, ContractState.Cancelled)),
                Op.StartProvisioning => (await ReportAsync(rental, "provisioning"), provisionable),
                Op.Provisioned => (await ReportAsync(rental, "provisioned"), provisionable),
                Op.ProvisioningFailed => (await ReportAsync(rental, "provisioning_failed"), provisionable),
                Op.Complete => (await CompleteAsync(rental, state), state is ContractState.Provisioned or ContractState.Active or ContractState.Paused),
                _ => throw new InvalidOperationException($"no case for {step.Op}"),
            };
            var (result, allowed) = applied;
            Assert.True(result.IsSuccess == allowed, $"{step} on a {state.ToWireName()} contract: expected {(allowed ? "success" : "a refusal")}, got {Describe(result)}");
            return $"{state.ToWireName()} -> {(await ContractAsync(rental)).State.ToWireName()}";
        }

        /// <summary>The operator ends a running contract as run to its end (a provisioned one is activated first).</summary>
        private async Task<Result> CompleteAsync(Rental rental, ContractState state)
        {
            if (state == ContractState.Provisioned)
            {
                Assert.True((await app.SendAsync(new ChangeContractState(rental.Id, ContractState.Active, "operator", "property test"))).IsSuccess);
            }

            return (await app.SendAsync(new ChangeContractState(rental.Id, ContractState.Completed, "operator", "property test"))).ToResult();
        }

        /// <summary>
        /// The operator records a manual payout of the provider's whole pending total (or, when not <paramref name="exact"/>,
        /// one nano-USD more, which must be refused with nothing written); with nothing pending it is refused either way.
        /// </summary>
        private async Task<string> PayOutAsync(int who, bool exact)
        {
            // Mostly a provider that is owed something (so the recorded path runs), else any of this world's providers.
            var all = await app.SendAsync(new ListPendingPayouts());
            var providers = _offerings.Select(o => ProviderProfile.ProviderIdOf(o.Owner.AccountId!.Value).Value).ToList();
            var owed = providers.Where(p => all.Any(a => a.ProviderPubkey == p)).ToList();
            var provider = (owed.Count > 0 && who % 4 != 0 ? owed[who % owed.Count] : providers[who % providers.Count]);
            var pending = all.SingleOrDefault(p => p.ProviderPubkey == provider)?.TotalPendingE9s ?? 0;
            var amount = exact ? pending : pending + 1;
            var recorded = await app.SendAsync(new RecordManualPayout(
                "operator", null, provider, "2vxsx-fae", $"icpay-{_run}-{_payouts++}", amount, null));
            // Nothing pending: a zero amount is no payment at all, any other is refused for having nothing to pay.
            var expected = pending == 0 ? (exact ? "invalid_amount" : "nothing_pending") : exact ? "ok" : "amount_mismatch";
            Assert.True(expected == (recorded.IsSuccess ? "ok" : recorded.FirstDomainError().Code),
                $"a payout of {amount} with {pending} pending: expected {expected}, got {Describe(recorded)}");
            return expected;
        }

        private async Task<string> TopUpAsync(AccountPrincipal user, long cents)
        {
            var body = TopUpWebhookTests.StripeCompleted($"cs_test_{_run}_{_sessions++:D4}", user.AccountId!.Value, cents);
            var credited = await app.SendAsync(new HandleStripeWebhook(body, WebhookSignature.Header(app.Time.GetUtcNow().ToUnixTimeSeconds(), body, StripeSecret)));
            Assert.Equal(WebhookOutcome.Credited, credited.Value);
            return "credited";
        }

        private async Task<string> RentAsync(AccountPrincipal user, int offeringIndex, int days)
        {
            var (owner, _, offering) = _offerings[offeringIndex];
            var price = RentalPrice.For(offering.MonthlyPrice, days * 86400L).Value.NanoUsd;
            var wallet = await BalanceAsync(LedgerAccount.Wallet(user.AccountId!.Value));
            var reserved = await ReservedAsync(offering.Id);

            var rented = await app.SendAsync(new RentOffering(user, offering.Id, days * 86400L, SshKey, null, null));

            // The debit is taken before the stock: a rental short of both is refused for the money.
            var expected = wallet < price ? "insufficient_funds" : reserved >= offering.Stock ? "out_of_stock" : "ok";
            Assert.True(expected == (rented.IsSuccess ? "ok" : rented.FirstDomainError().Code),
                $"renting for {price} nano-USD with {wallet} in the wallet and {reserved}/{offering.Stock} reserved: expected {expected}, got {Describe(rented)}");
            if (rented.IsSuccess)
            {
                _rentals.Add(new Rental(ContractId.FromHex(rented.Value.ContractId).Value, user, owner, offering.Id, price));
                return $"rented #{_rentals.Count - 1} in state {rented.Value.State}";
            }

            return expected;
        }

        /// <summary>The agent of the offering's pool reports on the contract: it takes the lease as it would, then reports.</summary>
        private async Task<Result> ReportAsync(Rental rental, string status)
        {
            var agent = _offerings.Single(o => o.Offering.Id == rental.OfferingId).Agent;
            var lease = await app.SendAsync(new AcquireProvisioningLease(agent, agent.ProviderId.Value, rental.Id.Hex));
            if (lease.IsFailed)
            {
                return lease.ToResult();
            }

            Assert.True(lease.Value.Acquired);
            return status switch
            {
                "provisioned" => await app.SendAsync(new ReportProvisioningStatus(
                    agent, rental.Id.Hex, status, "vm-" + rental.Id.Hex[..8], """{"ipv4":"10.0.0.5"}""", "ubuntu", Envelope(rental), null)),
                _ => await app.SendAsync(new ReportProvisioningStatus(agent, rental.Id.Hex, status, null, null, null, null, "backend refused")),
            };
        }

        /// <summary>A well-formed envelope for the renter's account key and its one device (the API checks shape and recipients only).</summary>
        private static string Envelope(Rental rental) => SealedEnvelopes.Make(rental.Id.Hex, node => node["recipients"] = new JsonArray(
            SealedEnvelopes.Recipient("account", new string('f', 64)),
            SealedEnvelopes.Recipient("device", Convert.ToHexStringLower(X25519Keys.PublicFromEd25519PublicKey(Convert.FromHexString(rental.User.DeviceKeyHex))))));

        private async Task CheckInvariantsAsync(string when)
        {
            var report = (await app.SendAsync(new VerifyBooks())).Value;
            Assert.True(report.Balanced, $"{when}: {string.Join("\n", report.Discrepancies)}");
            foreach (var user in _users)
            {
                var wallet = await BalanceAsync(LedgerAccount.Wallet(user.AccountId!.Value));
                Assert.True(wallet >= 0, $"{when}: a wallet holds {wallet}");
            }

            var live = new Dictionary<Guid, int>();
            foreach (var rental in _rentals)
            {
                var contract = await ContractAsync(rental);
                await CheckEscrowAsync(rental, contract, when);
                if (!contract.State.IsTerminal())
                {
                    live[rental.OfferingId] = live.GetValueOrDefault(rental.OfferingId) + 1;
                }
            }

            var pending = await app.SendAsync(new ListPendingPayouts());
            foreach (var (owner, _, _) in _offerings)
            {
                var provider = Domain.Agents.ProviderId.Create(ProviderProfile.ProviderIdOf(owner.AccountId!.Value).Value).Value;
                var rows = pending.SingleOrDefault(p => p.ProviderPubkey == provider.Value)?.TotalPendingE9s ?? 0;
                Assert.True(rows == await BalanceAsync(LedgerAccount.Payable(provider)),
                    $"{when}: provider {provider.Value[..8]} has {rows} pending in release rows but {await BalanceAsync(LedgerAccount.Payable(provider))} payable");
            }

            foreach (var (_, _, offering) in _offerings)
            {
                Assert.True(live.GetValueOrDefault(offering.Id) == await ReservedAsync(offering.Id),
                    $"{when}: offering {offering.Name} reserves {await ReservedAsync(offering.Id)} for {live.GetValueOrDefault(offering.Id)} live rentals");
            }
        }

        /// <summary>What went into the contract's escrow is still there, or went back to the wallet, or to the provider; never more.</summary>
        private async Task CheckEscrowAsync(Rental rental, Contract contract, string when)
        {
            var escrow = LedgerAccount.Escrow(rental.Id);
            await using var scope = app.Scope();
            var entries = await scope.ServiceProvider.GetRequiredService<IWalletEntries>().RecentAsync(escrow, 1000, Ct);
            var paid = entries.Where(e => e.Kind == LedgerTransactionKind.RentalDebit).Sum(e => e.AmountNanoUsd);
            var refunded = -entries.Where(e => e.Kind == LedgerTransactionKind.RentalRefund).Sum(e => e.AmountNanoUsd);
            var released = -entries.Where(e => e.Kind == LedgerTransactionKind.EscrowRelease).Sum(e => e.AmountNanoUsd);
            var held = await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(escrow, Ct);
            var moves = string.Join(", ", entries.Select(e => $"{e.Kind.ToWire()} {e.AmountNanoUsd}"));

            Assert.True(paid == rental.Price && paid == contract.RentalPriceNanoUsd, $"{when}: contract {rental.Id.Hex[..8]} paid {paid}, priced {rental.Price} ({moves})");
            Assert.True(held >= 0 && held + refunded + released == paid, $"{when}: contract {rental.Id.Hex[..8]} holds {held}, refunded {refunded}, released {released} of {paid} ({moves})");
            Assert.True(entries.All(e => e.Kind is LedgerTransactionKind.RentalDebit or LedgerTransactionKind.RentalRefund or LedgerTransactionKind.EscrowRelease),
                $"{when}: contract {rental.Id.Hex[..8]} escrow moved by something else ({moves})");
            if (contract.State.IsTerminal() && contract.NeverProvisioned)
            {
                Assert.True(held == 0 && refunded == paid, $"{when}: contract {rental.Id.Hex[..8]} ended {contract.State.ToWireName()} unprovisioned but holds {held} ({moves})");
            }
        }

        private async Task<Contract> ContractAsync(Rental rental)
        {
            await using var scope = app.Scope();
            return (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(rental.Id, Ct))!;
        }

        private async Task<long> BalanceAsync(LedgerAccount account)
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<ILedger>().BalanceAsync(account, Ct);
        }

        private async Task<int> ReservedAsync(Guid offering)
        {
            await using var scope = app.Scope();
            return (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(offering, Ct))!.Reserved;
        }

        private static string Describe(IResultBase result) =>
            result.IsSuccess ? "success" : string.Join("; ", result.Errors.Select(e => e is Domain.Common.DomainError d ? $"{d.Code}: {d.Message}" : e.Message));
    }

    /// <summary>A rental the sequence made: who rented it, whose offering, and the price the platform computed.</summary>
    private sealed record Rental(ContractId Id, AccountPrincipal User, AccountPrincipal Owner, Guid OfferingId, long Price);
}
