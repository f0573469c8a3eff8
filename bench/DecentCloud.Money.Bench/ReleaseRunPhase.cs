using System.Diagnostics;
using System.Security.Cryptography;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Marketplace;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DecentCloud.Money.Bench;

/// <summary>The running rentals of phase (d): all paid the same price and provisioned at the same instant for 30 days.</summary>
internal sealed record ReleaseCohort(string[] ContractHexes, ProviderId Provider, long PaidNanoUsd, DateTimeOffset Start, DateTimeOffset End);

/// <summary>
/// Phase (d): escrow release runs over 10,000 running contracts, through the mediator as the <c>escrow-releases</c>
/// job sends them, with the default daily interval and the bench's platform fee. The contracts are provisioned
/// <see cref="ProvisionedAgo"/> before the setup; the bench process's clock is pinned at start + 2 days for the timed
/// run (every contract owes exactly two days) and for the idle run after it (nothing due), then at start + 3 days for
/// two runs at once on two scopes (one more day each, shared between them by the row locks they skip).
/// </summary>
internal static class ReleaseRunPhase
{
    /// <summary>How long before the setup the contracts were provisioned; every pinned instant is in the past.</summary>
    public static readonly TimeSpan ProvisionedAgo = TimeSpan.FromDays(3);

    private const int Batch = 500;

    /// <summary>
    /// <paramref name="count"/> rentals of <paramref name="offeringId"/> by <paramref name="renter"/>, each paid from the
    /// wallet into its escrow and provisioned <see cref="ProvisionedAgo"/> for 30 days, written through the stores, the
    /// books and the contract's own moves, 500 per transaction. The provisioning move raises the event on which
    /// RentalSettlement opens the rental's escrow (the real path, no hand-written escrow row); the setup then checks that
    /// every contract has its open escrow. Untimed.
    /// </summary>
    public static async Task<(ReleaseCohort Cohort, TimeSpan Took)> SetUpAsync(Platform platform, Guid renter, Guid offeringId, int count, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Whole seconds, so the pinned instants below are readable in the release rows.
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var provisionedAt = now - ProvisionedAgo;
        Offering offering;
        await using (var scope = platform.Scope())
        {
            offering = (await scope.ServiceProvider.GetRequiredService<IOfferingStore>().FindAsync(offeringId, cancellationToken))!;
        }

        const long duration = 30L * 86400;
        var price = RentalPrice.For(offering.MonthlyPrice, duration).Value;
        var agent = AgentPublicKey.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        var instance = ContractInstance.Parse("""{"ipv4":"192.0.2.10"}""").Value.Canonical;
        await using (var scope = platform.Scope())
        {
            var funding = LedgerTransaction.Transfer(LedgerTransactionKind.TopUp, $"bench:release-funding:{renter}", provisionedAt, "release benchmark funding",
                LedgerAccount.Stripe, LedgerAccount.Wallet(renter), UsdAmount.FromNanoUsd(checked(price.NanoUsd * count)).Value).Value;
            Require(await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(funding, cancellationToken), "funding");
        }

        var hexes = new string[count];
        for (var done = 0; done < count; done += Batch)
        {
            await using var scope = platform.Scope();
            var services = scope.ServiceProvider;
            var unitOfWork = services.GetRequiredService<IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                var batch = new List<Contract>(Batch);
                for (var i = done; i < Math.Min(count, done + Batch); i++)
                {
                    var id = ContractId.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
                    hexes[i] = id.Hex;
                    var terms = ContractTerms.Create(renter, offering.ProviderId.Value, offering.PoolName, offering.Id.ToString("D"), offering.Cores,
                        offering.MemoryMb, offering.StorageGb, BenchRun.SshKey, null, null, duration, TokenAmount.Zero(Token.Icp)).Value;
                    // The same key RentOffering books the payment under, so a replay of this setup could never pay twice.
                    var debit = LedgerTransaction.Transfer(LedgerTransactionKind.RentalDebit, "rental:" + id.Hex, provisionedAt, $"rental of offering {offering.Id}",
                        LedgerAccount.Wallet(renter), LedgerAccount.Escrow(id), price).Value;
                    Require(await services.GetRequiredService<ILedger>().PostAsync(debit, cancellationToken), "rental debit");
                    if (!await services.GetRequiredService<IOfferingStore>().TryReserveAsync(offering.Id, cancellationToken))
                    {
                        throw new BenchInvariantException("phase (d) setup: the offering ran out of stock");
                    }

                    var contract = Contract.Rent(id, terms, offering.Id, price, provisionedAt);
                    contract.MarkPaid(provisionedAt);
                    Require(contract.MoveTo(ContractState.Accepted, "bench", "auto-accept", provisionedAt), "accept");
                    Require(contract.AcquireLease(agent, provisionedAt, TimeSpan.FromMinutes(5)).ToResult(), "lease");
                    services.GetRequiredService<IContractStore>().Add(contract);
                    batch.Add(contract);
                }

                // Saved before the agent's report, as in production: RentalSettlement reads the contract from the store.
                await unitOfWork.SaveChangesAsync(cancellationToken);
                foreach (var contract in batch)
                {
                    // Raises ContractStateChanged(provisioned): RentalSettlement opens the escrow as the batch saves.
                    Require(contract.CompleteProvisioning(agent, "vm-" + contract.Id.Hex[..12], instance, "ubuntu", provisionedAt), "provisioning");
                }

                await unitOfWork.SaveChangesAsync(cancellationToken);
                return true;
            }, cancellationToken);
            Console.Error.WriteLine($"    {Math.Min(count, done + Batch):N0}/{count:N0} running contracts set up after {clock.Elapsed.TotalSeconds:F0} s");
        }

        var cohort = new ReleaseCohort(hexes, offering.ProviderId, price.NanoUsd, provisionedAt, provisionedAt + TimeSpan.FromSeconds(duration));
        var opened = await ReadAsync(platform, cohort, cancellationToken);
        var notOpen = cohort.ContractHexes.Length - opened.Count(e => e.Paid == cohort.PaidNanoUsd && e.Released == 0 && e.ReleasedUntil == cohort.Start
            && e.Starts == cohort.Start && e.Ends == cohort.End && e.Rows == 0);
        if (opened.Count != count || notOpen != 0)
        {
            throw new BenchInvariantException($"phase (d) setup: {opened.Count:N0} escrows opened for {count:N0} provisioned rentals, {notOpen:N0} not as provisioned");
        }

        return (cohort, clock.Elapsed);
    }

    /// <summary>
    /// The timed run: one <see cref="ReleaseEscrow"/> at start + 2 days, which must book exactly one release per
    /// contract, checked by <see cref="CheckAsync"/>; then the idle run at the same instant, which must book none.
    /// </summary>
    public static async Task<(Measurement Run, Measurement Idle)> TimeReleaseRunAsync(Platform platform, ReleaseCohort cohort, CancellationToken cancellationToken)
    {
        var at = cohort.Start + TimeSpan.FromDays(2);
        platform.Clock.Pin(at);
        var count = cohort.ContractHexes.Length;
        Console.Error.WriteLine($"==> (d) one release run over {count:N0} running contracts, clock at start + 2 days");
        var (released, seconds, waits) = await TimedAsync(platform, 1, cancellationToken);
        if (released[0] != count)
        {
            throw new BenchInvariantException($"(d) the release run booked {released[0]:N0} releases for {count:N0} contracts");
        }

        Console.Error.WriteLine($"    {count:N0} releases in {seconds:F2} s ({count / seconds:F1} releases/s)");
        await CheckAsync(platform, cohort, at, 1, cancellationToken);

        Console.Error.WriteLine("==> (d) the same run again at the same instant (nothing due)");
        var (idle, idleSeconds, _) = await TimedAsync(platform, 1, cancellationToken);
        if (idle[0] != 0)
        {
            throw new BenchInvariantException($"(d) the idle run booked {idle[0]:N0} releases, expected none");
        }

        Console.Error.WriteLine($"    nothing released in {idleSeconds * 1000:F1} ms");
        await CheckAsync(platform, cohort, at, 1, cancellationToken);
        return (new Measurement($"(d) one release run over {count:N0} running contracts (releases/s)", count, seconds, double.NaN, double.NaN) { Waits = waits },
            new Measurement("(d) the same run again, nothing due (runs/s)", 1, idleSeconds, double.NaN, double.NaN));
    }

    /// <summary>
    /// Two runs at once, each on its own scope as two API instances would run the job, at start + 3 days: together
    /// they must book exactly one release per contract (one more day each), none twice. A run that stops after lost
    /// races leaves the rest to a third run, which is reported.
    /// </summary>
    public static async Task<Measurement> TimeTwoRunsAsync(Platform platform, ReleaseCohort cohort, CancellationToken cancellationToken)
    {
        var at = cohort.Start + TimeSpan.FromDays(3);
        platform.Clock.Pin(at);
        var count = cohort.ContractHexes.Length;
        Console.Error.WriteLine($"==> (d) two release runs at once over {count:N0} contracts, clock at start + 3 days");
        var (released, seconds, waits) = await TimedAsync(platform, 2, cancellationToken);
        var rest = released.Sum() == count ? 0 : (await TimedAsync(platform, 1, cancellationToken)).Released[0];
        if (released.Sum() + rest != count)
        {
            throw new BenchInvariantException($"(d) two runs at once booked {released[0]:N0} + {released[1]:N0} (+ {rest:N0} after) releases for {count:N0} contracts");
        }

        Console.Error.WriteLine($"    {released[0]:N0} + {released[1]:N0} releases in {seconds:F2} s ({released.Sum() / seconds:F1} releases/s)" +
            (rest == 0 ? string.Empty : $"; {rest:N0} left after lost races, released by a third run"));
        await CheckAsync(platform, cohort, at, 2, cancellationToken);
        return new Measurement($"(d) two runs at once, one more day ({released[0]:N0} + {released[1]:N0}{(rest == 0 ? "" : $", {rest:N0} by a third run")}; releases/s)",
            released.Sum(), seconds, double.NaN, double.NaN) { Waits = waits };
    }

    /// <summary>Sends <paramref name="runs"/> <see cref="ReleaseEscrow"/> at once, each on its own scope; the wall time of all.</summary>
    private static async Task<(int[] Released, double Seconds, string Waits)> TimedAsync(Platform platform, int runs, CancellationToken cancellationToken)
    {
        await using var sampler = WaitSampler.Start(platform.Postgres);
        var clock = Stopwatch.StartNew();
        var released = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => Task.Run(async () =>
        {
            await using var scope = platform.Scope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReleaseEscrow(), cancellationToken);
        }, cancellationToken)));
        clock.Stop();
        return (released, clock.Elapsed.TotalSeconds, await sampler.StopAsync());
    }

    /// <summary>
    /// Exact checks after the releases up to <paramref name="at"/>: every contract released exactly
    /// <see cref="RentalEscrow.EarnedBy"/> of what it paid, in <paramref name="rows"/> release rows whose fees are the
    /// platform fee of their gross; escrow account + released = paid; the provider's payable holds the rows' net and the
    /// revenue their fees; the books balance.
    /// </summary>
    private static async Task CheckAsync(Platform platform, ReleaseCohort cohort, DateTimeOffset at, int rows, CancellationToken cancellationToken)
    {
        var expected = RentalEscrow.EarnedBy(cohort.PaidNanoUsd, cohort.Start, cohort.End, at);
        var escrows = await ReadAsync(platform, cohort, cancellationToken);
        if (escrows.Count != cohort.ContractHexes.Length)
        {
            throw new BenchInvariantException($"(d) {escrows.Count:N0} escrows for {cohort.ContractHexes.Length:N0} contracts");
        }

        PlatformFee fee;
        await using (var scope = platform.Scope())
        {
            fee = scope.ServiceProvider.GetRequiredService<IOptions<EscrowOptions>>().Value.Fee;
        }

        foreach (var e in escrows)
        {
            if (e.Released != expected || e.Gross != expected || e.Rows != rows || e.ReleasedUntil != at || e.Refunded != 0
                || e.EscrowBalance + e.Gross != cohort.PaidNanoUsd || e.Fee + e.Net != e.Gross || e.WrongFees != 0)
            {
                throw new BenchInvariantException(
                    $"(d) contract {e.Contract}: released {e.Released} (expected {expected}) in {e.Rows} rows (expected {rows}; gross {e.Gross}, fee {e.Fee}, " +
                    $"net {e.Net}, {e.WrongFees} fees not {fee.BasisPoints} bp of their gross), escrow account {e.EscrowBalance}, paid {cohort.PaidNanoUsd}, released until {e.ReleasedUntil:O} (expected {at:O})");
            }
        }

        var payable = await platform.BalanceAsync(LedgerAccount.Payable(cohort.Provider), cancellationToken);
        var revenue = await platform.BalanceAsync(LedgerAccount.Revenue, cancellationToken);
        if (payable != escrows.Sum(e => e.Net) || revenue != escrows.Sum(e => e.Fee))
        {
            throw new BenchInvariantException($"(d) payable {payable} and revenue {revenue}, expected the releases' net {escrows.Sum(e => e.Net)} and fees {escrows.Sum(e => e.Fee)}");
        }

        Console.Error.WriteLine($"    every contract released exactly {expected:N0} nano-USD in {rows} row(s) (fees {escrows.Sum(e => e.Fee):N0}, " +
            $"provider's payable {payable:N0}); escrow + released = paid for each");
        await platform.VerifyBooksAsync($"(d) releases up to start + {(at - cohort.Start).TotalDays:F0} days", cancellationToken);
    }

    private sealed record EscrowState(
        string Contract, long Paid, long Released, long Refunded, DateTimeOffset Starts, DateTimeOffset Ends, DateTimeOffset ReleasedUntil,
        long EscrowBalance, int Rows, long Gross, long Fee, long Net, int WrongFees);

    /// <summary>Each cohort contract's escrow row, escrow account balance and release rows, read in one query.</summary>
    private static async Task<List<EscrowState>> ReadAsync(Platform platform, ReleaseCohort cohort, CancellationToken cancellationToken)
    {
        int basisPoints;
        await using (var scope = platform.Scope())
        {
            basisPoints = scope.ServiceProvider.GetRequiredService<IOptions<EscrowOptions>>().Value.Fee.BasisPoints;
        }

        await using var db = new NpgsqlConnection(platform.Postgres);
        await db.OpenAsync(cancellationToken);
        await using var query = new NpgsqlCommand("""
            SELECT e."ContractId", e."PaidNanoUsd", e."ReleasedNanoUsd", e."RefundedNanoUsd", e."StartsAt", e."EndsAt", e."ReleasedUntil",
                   coalesce(b."Balance", 0), count(r."Id")::int, coalesce(sum(r."GrossNanoUsd"), 0)::bigint, coalesce(sum(r."FeeNanoUsd"), 0)::bigint,
                   coalesce(sum(r."NetNanoUsd"), 0)::bigint, count(*) FILTER (WHERE r."FeeNanoUsd" <> r."GrossNanoUsd" * @bp / 10000)::int
            FROM rental_escrows e
            LEFT JOIN ledger_balances b ON b."Account" = 'escrow:' || e."ContractId"
            LEFT JOIN payment_releases r ON r."ContractId" = e."ContractId"
            WHERE e."ContractId" = ANY(@ids)
            GROUP BY e."ContractId", b."Balance"
            """, db);
        query.Parameters.AddWithValue("ids", cohort.ContractHexes);
        query.Parameters.AddWithValue("bp", (long)basisPoints);
        var rows = new List<EscrowState>(cohort.ContractHexes.Length);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new EscrowState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), Ticks(reader.GetInt64(4)),
                Ticks(reader.GetInt64(5)), Ticks(reader.GetInt64(6)), reader.GetInt64(7), reader.GetInt32(8), reader.GetInt64(9), reader.GetInt64(10),
                reader.GetInt64(11), reader.GetInt32(12)));
        }

        return rows;
    }

    private static DateTimeOffset Ticks(long utcTicks) => new(utcTicks, TimeSpan.Zero);

    private static void Require(FluentResults.IResultBase result, string step)
    {
        if (result.IsFailed)
        {
            throw new BenchInvariantException($"phase (d) setup, {step}: {result.Errors[0].Message}");
        }
    }
}
