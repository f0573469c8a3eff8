using DecentCloud.Application.Books;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Payouts;
using DecentCloud.Application.Releases;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Releases;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Application.Tests;

/// <summary>A settlement retried after a lost lock race starts over on the committed state: rows and books agree.</summary>
public sealed partial class RentalSettlementTests
{
    /// <summary>
    /// An audited, retried command (the operator's cancel) whose refund posting loses a lock race (PostgreSQL's deadlock
    /// answer, one deadlock timeout later) runs again: what its first attempt posted is rolled back first, so the retry's
    /// larger cancellation release is booked rather than taken as "already booked", and the rows, the escrow and the
    /// payable agree — the operator's payout of the pending total goes through.
    /// </summary>
    [Fact]
    public async Task A_settlement_retried_after_a_lost_lock_race_starts_over_and_its_rows_and_books_agree()
    {
        var flaky = new FlakyLedgerSwitch();
        await _app.DisposeAsync();
        _app = await AppHarness.CreateAsync(configureServices: s =>
        {
            s.Configure<EscrowOptions>(o => o.PlatformFeePercent = FeePercent);
            var original = s.Single(d => d.ServiceType == typeof(ILedger));
            s.Remove(original);
            s.AddScoped<ILedger>(sp => new FlakyLedger(
                (ILedger)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!), flaky, (FakeTimeProvider)sp.GetRequiredService<TimeProvider>()));
        });

        var (offering, renter, id) = await ProvisionedRentalAsync();
        var provider = ProviderOf(offering);
        _app.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        _app.Time.Advance(TimeSpan.FromHours(12));

        // The refund's posting loses a lock race once (PostgreSQL reports the deadlock after deadlock_timeout, 1 s).
        flaky.FailNextRefund = true;
        var cancelled = await _app.SendAsync(new ChangeContractState(id, ContractState.Cancelled, "operator", "retry test"));
        Assert.True(cancelled.IsSuccess);
        Assert.False(flaky.FailNextRefund);

        var rows = await RowsAsync(id);
        var released = rows.Where(r => r.State != PaymentReleaseState.Refunded).ToList();
        var escrowLeft = await BalanceAsync(LedgerAccount.Escrow(id)); // the escrow row says settled (held 0)
        var payableShort = released.Sum(r => r.NetNanoUsd) - await BalanceAsync(LedgerAccount.Payable(provider));

        // Consequence: the operator's payout of exactly the pending total is refused by the books (an exception, a 500).
        var pending = Assert.Single(await _app.SendAsync(new ListPendingPayouts()));
        string payout;
        try
        {
            var recorded = await _app.SendAsync(new RecordManualPayout(AdminKey, null, provider.Value, "2vxsx-fae", "icpay-retry", pending.TotalPendingE9s, null));
            payout = recorded.IsSuccess ? "ok" : recorded.FirstDomainError().Code;
        }
        catch (InvalidOperationException ex)
        {
            payout = ex.Message;
        }

        Assert.Equal((0L, 0L, "ok"), (escrowLeft, payableShort, payout));
    }

    [Fact]
    public async Task An_escrow_the_books_refuse_is_passed_over_and_the_other_escrows_still_release()
    {
        var (offering, renter, broken) = await ProvisionedRentalAsync();
        var sound = await RentAndProvisionAsync(offering, renter);
        await using (var scope = _app.Scope())
        {
            // Only a broken book could do this: the escrow account emptied behind its row's back.
            var held = await BalanceAsync(LedgerAccount.Escrow(broken));
            var drain = LedgerTransaction.Transfer(LedgerTransactionKind.Adjustment, "drain:" + broken.Hex, _app.Time.GetUtcNow(), "test: break the book",
                LedgerAccount.Escrow(broken), LedgerAccount.Revenue, Domain.Money.UsdAmount.FromNanoUsd(held).Value).Value;
            Assert.True((await scope.ServiceProvider.GetRequiredService<ILedger>().PostAsync(drain, Ct)).IsSuccess);
        }

        _app.Time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, await _app.SendAsync(new ReleaseEscrow()));
        Assert.Empty(await RowsAsync(broken));
        Assert.Equal(PaymentReleaseKind.Daily, Assert.Single(await RowsAsync(sound)).Kind);
        Assert.Equal(0, await _app.SendAsync(new ReleaseEscrow()));
    }

    private sealed class FlakyLedgerSwitch
    {
        public bool FailNextRefund { get; set; }
    }

    private sealed class FlakyLedger(ILedger inner, FlakyLedgerSwitch flaky, FakeTimeProvider time) : ILedger
    {
        public Task<Result<LedgerTransaction>> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
        {
            if (flaky.FailNextRefund && transaction.Kind == LedgerTransactionKind.RentalRefund)
            {
                flaky.FailNextRefund = false;
                time.Advance(TimeSpan.FromSeconds(1));
                throw new Common.ConcurrencyConflictException("the books lost a lock race (simulated 40P01)");
            }

            return inner.PostAsync(transaction, cancellationToken);
        }

        public Task<long> BalanceAsync(LedgerAccount account, CancellationToken cancellationToken) => inner.BalanceAsync(account, cancellationToken);

        public Task<LedgerTransaction?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindByKeyAsync(idempotencyKey, cancellationToken);
    }
}
