using System.Security.Cryptography;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Earnings;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.Releases;
using DecentCloud.Application.Rentals;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Escrow releases, settlement after provisioning, manual payouts and earnings over real SQLite stores and a moving clock.</summary>
public sealed partial class RentalSettlementTests
{
    private const decimal FeePercent = 2.5m;

    // 20 USD for 30 days.
    private const long Paid = 20_000_000_000;

    [Fact]
    public async Task A_running_rental_is_released_daily_pro_rata_with_the_fee_and_finally_at_the_end()
    {
        var (offering, renter, id) = await ProvisionedRentalAsync();
        var provider = ProviderOf(offering);
        Assert.Equal(0, await _app.SendAsync(new ReleaseEscrow()));

        _app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        Assert.Equal(0, await _app.SendAsync(new ReleaseEscrow()));
        var day = RentalEscrow.EarnedBy(Paid, Start(id), Start(id).AddDays(30), Start(id).AddDays(1));
        Assert.Equal(666_666_666, day);
        Assert.Equal(Paid - day, await BalanceAsync(LedgerAccount.Escrow(id)));
        Assert.Equal(day - day * 250 / 10_000, await BalanceAsync(LedgerAccount.Payable(provider)));
        Assert.Equal(day * 250 / 10_000, await BalanceAsync(LedgerAccount.Revenue));

        // Eleven days of silence release eleven days at once (one row), then the end releases the exact rest.
        _app.Time.Advance(TimeSpan.FromDays(11));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        _app.Time.Advance(TimeSpan.FromDays(20));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        Assert.Equal(0, await BalanceAsync(LedgerAccount.Escrow(id)));
        var rows = await RowsAsync(id);
        Assert.Equal(["daily", "daily", "final"], rows.Select(r => r.Kind.ToWireName()));
        Assert.Equal(Paid, rows.Sum(r => r.GrossNanoUsd));
        Assert.Equal(rows.Sum(r => r.NetNanoUsd), await BalanceAsync(LedgerAccount.Payable(provider)));
        Assert.Equal(rows.Sum(r => r.FeeNanoUsd), await BalanceAsync(LedgerAccount.Revenue));
        Assert.All(rows, r => Assert.Equal(PaymentReleaseState.Released, r.State));

        // The agent reports the machine gone: the contract completes and nothing more is released.
        await ChangeContractAsync(id, c => c.MarkTerminated(_app.Time.GetUtcNow()));
        Assert.Equal(3, (await RowsAsync(id)).Count);
        Assert.Equal(80_000_000_000, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task A_cancellation_after_provisioning_keeps_the_earned_part_with_the_provider_and_refunds_the_rest()
    {
        var (offering, renter, id) = await ProvisionedRentalAsync();
        _app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        _app.Time.Advance(TimeSpan.FromHours(12));

        var cancelled = await _app.SendAsync(new CancelContract(renter, id.Hex, null));
        Assert.True(cancelled.IsSuccess);

        var earned = RentalEscrow.EarnedBy(Paid, Start(id), Start(id).AddDays(30), Start(id).AddDays(1.5));
        var rows = await RowsAsync(id);
        Assert.Equal(["daily", "cancellation", "refund"], rows.Select(r => r.Kind.ToWireName()));
        Assert.Equal(PaymentReleaseState.Refunded, rows[2].State);
        Assert.Equal(earned, rows[0].GrossNanoUsd + rows[1].GrossNanoUsd);
        Assert.Equal(Paid - earned, rows[2].GrossNanoUsd);
        Assert.Equal(80_000_000_000 + Paid - earned, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));
        Assert.Equal(0, await BalanceAsync(LedgerAccount.Escrow(id)));
        Assert.Equal(0, await ReservedAsync(offering));

        // Nothing is left to release.
        _app.Time.Advance(TimeSpan.FromDays(40));
        Assert.Equal(0, await _app.SendAsync(new ReleaseEscrow()));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task A_running_rental_without_an_escrow_row_gets_one_from_the_job_and_is_released()
    {
        var (offering, _, id) = await ProvisionedRentalAsync();
        await using (var scope = _app.Scope())
        {
            // As a rental provisioned before escrows existed: its money is in the escrow account, no escrow row.
            var db = scope.ServiceProvider.GetRequiredService<Adapters.Persistence.DecentCloudDbContext>();
            db.Set<RentalEscrow>().Remove(await db.Set<RentalEscrow>().SingleAsync(e => e.ContractId == id, Ct));
            await db.SaveChangesAsync(Ct);
        }

        _app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));

        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal((Start(id), Start(id).AddDays(1), 666_666_666L), (row.PeriodStart, row.PeriodEnd, row.GrossNanoUsd));
        Assert.Equal(row.NetNanoUsd, await BalanceAsync(LedgerAccount.Payable(ProviderOf(offering))));
        Assert.Equal(0, await _app.SendAsync(new ReleaseEscrow()));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task A_rejected_rental_is_refunded_whole_with_a_refunded_row()
    {
        var offering = await OfferingAsync(autoAccept: false);
        var renter = await AccountAsync();
        await FundAsync(renter, UsdAmount.FromWholeUsd(100).Value);
        var rented = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));
        var id = ContractId.FromHex(rented.Value.ContractId).Value;

        await ChangeContractAsync(id, c => Assert.True(c.MoveTo(ContractState.Rejected, "provider", "no", _app.Time.GetUtcNow()).IsSuccess));

        var row = Assert.Single(await RowsAsync(id));
        Assert.Equal((PaymentReleaseKind.Refund, PaymentReleaseState.Refunded, Paid), (row.Kind, row.State, row.GrossNanoUsd));
        Assert.Equal(100_000_000_000, await BalanceAsync(LedgerAccount.Wallet(renter.AccountId!.Value)));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task A_manual_payout_must_match_the_pending_total_name_a_reference_and_marks_exactly_those_releases_paid()
    {
        var (offering, _, id) = await ProvisionedRentalAsync();
        var provider = ProviderOf(offering);
        _app.Time.Advance(TimeSpan.FromDays(2));
        await _app.SendAsync(new ReleaseEscrow());
        _app.Time.Advance(TimeSpan.FromDays(1));
        await _app.SendAsync(new ReleaseEscrow());
        var rows = await RowsAsync(id);
        var total = rows.Sum(r => r.NetNanoUsd);

        var pending = Assert.Single(await _app.SendAsync(new ListPendingPayouts()));
        Assert.Equal(new PendingPayout(provider.Value, total, 2, rows[0].CreatedAt), pending);

        var mismatch = await _app.SendAsync(Payout(provider, "icpay-tx-1", total - 1, null));
        Assert.Equal("amount_mismatch", mismatch.FirstDomainError().Code);
        Assert.Contains($"{total - 1}", mismatch.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains($"{total}", mismatch.Errors[0].Message, StringComparison.Ordinal);
        var noReference = await _app.SendAsync(Payout(provider, " ", total, null));
        Assert.Equal("invalid_external_reference", noReference.FirstDomainError().Code);
        var notPending = await _app.SendAsync(Payout(provider, "icpay-tx-1", 1, [Guid.NewGuid()]));
        Assert.Equal("release_not_pending", notPending.FirstDomainError().Code);
        Assert.All(await RowsAsync(id), r => Assert.Equal(PaymentReleaseState.Released, r.State));
        Assert.Equal(total, await BalanceAsync(LedgerAccount.Payable(provider)));

        // Pay the first release alone, then the rest; the same reference twice is refused.
        var first = await _app.SendAsync(Payout(provider, "icpay-tx-1", rows[0].NetNanoUsd, [rows[0].Id]));
        Assert.True(first.IsSuccess);
        Assert.Equal([rows[0].Id], first.Value.ReleaseIds);
        var again = await _app.SendAsync(Payout(provider, "icpay-tx-1", rows[1].NetNanoUsd, null));
        Assert.Equal("duplicate_reference", again.FirstDomainError().Code);
        var rest = await _app.SendAsync(Payout(provider, "icpay-tx-2", rows[1].NetNanoUsd, null));
        Assert.True(rest.IsSuccess);
        var paid = await RowsAsync(id);
        Assert.Equal([first.Value.PayoutId, rest.Value.PayoutId], paid.Select(r => r.PayoutId!.Value));
        Assert.All(paid, r => Assert.Equal(PaymentReleaseState.PaidOut, r.State));
        Assert.Equal(0, await BalanceAsync(LedgerAccount.Payable(provider)));
        Assert.Equal(total, await BalanceAsync(LedgerAccount.Manual));
        Assert.Empty(await _app.SendAsync(new ListPendingPayouts()));
        var nothing = await _app.SendAsync(Payout(provider, "icpay-tx-3", 1, null));
        Assert.Equal("nothing_pending", nothing.FirstDomainError().Code);

        var audit = (await _app.AuditAsync()).Where(e => e.Action == "payout.record").Select(e => (e.Outcome, e.Actor, e.ClientAddress)).ToList();
        Assert.Equal(7, audit.Count);
        Assert.All(audit, e => Assert.Equal((AdminKey, "203.0.113.9"), (e.Actor, e.ClientAddress)));
        Assert.Equal(2, audit.Count(e => e.Outcome == "ok"));
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    [Fact]
    public async Task The_provider_reads_pending_released_paid_and_fees_with_a_per_contract_breakdown()
    {
        var (offering, renter, first) = await ProvisionedRentalAsync();
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await RentAndProvisionAsync(offering, renter);
        var provider = ProviderOf(offering);
        _app.Time.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await _app.SendAsync(new ReleaseEscrow()));
        var firstRows = await RowsAsync(first);
        Assert.True((await _app.SendAsync(Payout(provider, "icpay-tx-9", firstRows[0].NetNanoUsd, [firstRows[0].Id]))).IsSuccess);
        Assert.True((await _app.SendAsync(new CancelContract(renter, second.Hex, null))).IsSuccess);

        var earnings = await _app.SendAsync(new ProviderEarnings(_providers[offering], null, 1));
        Assert.True(earnings.IsSuccess);
        var secondRows = await RowsAsync(second);
        var released = secondRows.Where(r => r.State == PaymentReleaseState.Released).ToList();
        Assert.Equal(
            new EarningsTotals(Paid - firstRows[0].GrossNanoUsd, released.Sum(r => r.NetNanoUsd), firstRows[0].NetNanoUsd,
                firstRows[0].FeeNanoUsd + released.Sum(r => r.FeeNanoUsd)),
            earnings.Value.Totals);
        var newest = Assert.Single(earnings.Value.Contracts);
        Assert.Equal(1, earnings.Value.NextOffset);
        var refunded = secondRows.Single(r => r.State == PaymentReleaseState.Refunded).GrossNanoUsd;
        Assert.Equal(
            new ContractEarnings(second.Hex, "cancelled", Paid, released.Sum(r => r.NetNanoUsd), released.Sum(r => r.FeeNanoUsd), refunded, 0, 0),
            newest);
        var older = await _app.SendAsync(new ProviderEarnings(_providers[offering], 1, 1));
        Assert.Equal(
            new ContractEarnings(first.Hex, "active", Paid, firstRows[0].NetNanoUsd, firstRows[0].FeeNanoUsd, 0, firstRows[0].NetNanoUsd, Paid - firstRows[0].GrossNanoUsd),
            Assert.Single(older.Value.Contracts));
        Assert.Null(older.Value.NextOffset);

        var stranger = await _app.SendAsync(new ProviderEarnings(renter, null, null));
        Assert.Equal("provider_profile_required", stranger.FirstDomainError().Code);
        Assert.Equal("invalid_limit", (await _app.SendAsync(new ProviderEarnings(_providers[offering], null, 101))).FirstDomainError().Code);
        Assert.True((await _app.SendAsync(new VerifyBooks())).Value.Balanced);
    }

    private const string AdminKey = "aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11aa11";

    private static RecordManualPayout Payout(ProviderId provider, string reference, long amount, IReadOnlyList<Guid>? ids) =>
        new(AdminKey, "203.0.113.9", provider.Value, "2vxsx-fae", reference, amount, ids);

    private ProviderId ProviderOf(Guid offering) => ProviderProfile.ProviderIdOf(_providers[offering].AccountId!.Value);

    private readonly Dictionary<ContractId, DateTimeOffset> _starts = [];

    private DateTimeOffset Start(ContractId id) => _starts[id];

    private async Task<(Guid Offering, AccountPrincipal Renter, ContractId Id)> ProvisionedRentalAsync()
    {
        var offering = await OfferingAsync(autoAccept: true);
        var renter = await AccountAsync();
        await FundAsync(renter, UsdAmount.FromWholeUsd(100).Value);
        return (offering, renter, await RentAndProvisionAsync(offering, renter));
    }

    private async Task<ContractId> RentAndProvisionAsync(Guid offering, AccountPrincipal renter)
    {
        var rented = await _app.SendAsync(new RentOffering(renter, offering, 30L * 86400, SshKey, null, null));
        Assert.Equal("accepted", rented.Value.State);
        var id = ContractId.FromHex(rented.Value.ContractId).Value;
        var agent = AgentPublicKey.FromBytes(RandomNumberGenerator.GetBytes(32)).Value;
        await ChangeContractAsync(id, c =>
        {
            var now = _app.Time.GetUtcNow();
            Assert.True(c.AcquireLease(agent, now, TimeSpan.FromMinutes(10)).IsSuccess);
            Assert.True(c.CompleteProvisioning(agent, "vm-" + id.Hex[..8], "{}", "root", now).IsSuccess);
            c.ActivateOnHealthyReport(now);
        });
        _starts[id] = _app.Time.GetUtcNow();
        return id;
    }

    /// <summary>Changes a contract as an agent's or provider's use case would: the move and its settlement in one transaction.</summary>
    private async Task ChangeContractAsync(ContractId id, Action<Contract> change)
    {
        await using var scope = _app.Scope();
        var contract = (await scope.ServiceProvider.GetRequiredService<IContractStore>().FindAsync(id, Ct))!;
        change(contract);
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.InTransactionAsync(async () =>
        {
            await unitOfWork.SaveChangesAsync(Ct);
            return true;
        }, Ct);
    }

    /// <summary>Every release and refund row of the contract, read through the persistence model, in timeline order.</summary>
    private async Task<IReadOnlyList<PaymentRelease>> RowsAsync(ContractId id)
    {
        await using var scope = _app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<Adapters.Persistence.DecentCloudDbContext>();
        return [.. db.Set<PaymentRelease>().Where(r => r.ContractId == id).AsEnumerable().OrderBy(r => r.PeriodStart).ThenBy(r => r.Kind)];
    }
}
