using DecentCloud.Application.Books;
using DecentCloud.Application.Common;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using DecentCloud.Domain.Money.Deposits;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Deposits;

/// <summary>
/// The <c>scan-deposits</c> job: per configured ledger, reads the blocks after its cursor and records every transfer into an
/// account's deposit subaccount as a deposit, crediting its USD value (at a fresh price) to the account's wallet exactly once.
/// </summary>
/// <remarks>
/// Exactly once, across restarts and several API instances: the blocks are read outside any database transaction, then one
/// transaction takes the ledger's cursor row with a lock other scanners skip (PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>),
/// checks it still stands where the read started (else another scanner got there first and this read is dropped), writes
/// the deposits, their balanced <c>topup</c> transactions (<c>rail:icrc1:{token}</c> → <c>wallet:{account}</c>, key
/// <c>icrc1:{ledger}:{block}</c>) and the cursor's new position, and commits them together. The deposits' unique (ledger,
/// block) index and the books' unique key refuse a second credit even if that reasoning were wrong. A deposit found with
/// no fresh price waits as <c>awaiting_price</c> and is credited by the first scan that has one; one at or below the
/// ledger fee, or on a ledger whose token the platform does not price, is recorded and reported, never credited; a transfer
/// to a subaccount no account was shown is not ours and is ignored.
/// </remarks>
public sealed record ScanDeposits : ICommand<DepositScanReport>;

/// <summary>What one scan did.</summary>
/// <param name="Credited">Deposits credited (new or awaiting a price before).</param>
/// <param name="AwaitingPrice">New deposits left waiting for a fresh price.</param>
/// <param name="BelowFee">New deposits at or below the ledger fee.</param>
/// <param name="UnknownToken">New deposits on a ledger whose token is not priced.</param>
/// <param name="Ignored">Transfers into subaccounts of the deposit principal that belong to no account.</param>
/// <param name="FailedLedgers">Ledgers that could not be read this time (the next scan tries again).</param>
public sealed record DepositScanReport(int Credited, int AwaitingPrice, int BelowFee, int UnknownToken, int Ignored, IReadOnlyList<string> FailedLedgers)
{
    /// <summary>Nothing done.</summary>
    public static DepositScanReport Empty { get; } = new(0, 0, 0, 0, 0, []);
}

/// <summary>Handles <see cref="ScanDeposits"/>.</summary>
internal sealed partial class ScanDepositsHandler(
    IServiceProvider services,
    IDepositStore store,
    IPriceStore prices,
    ILedger books,
    IUnitOfWork unitOfWork,
    IOptions<DepositOptions> options,
    IOptions<PricesOptions> priceOptions,
    TimeProvider time,
    ILogger<ScanDepositsHandler> logger) : ICommandHandler<ScanDeposits, DepositScanReport>
{
    /// <summary>Reads per ledger and run: a long backlog is caught up over several runs, never by one that never ends.</summary>
    private const int MaxReadsPerRun = 20;

    /// <summary>Deposits waiting for a price credited per transaction.</summary>
    private const int AwaitingBatch = 200;

    public async ValueTask<DepositScanReport> Handle(ScanDeposits command, CancellationToken cancellationToken)
    {
        var ledgers = services.GetService<IDepositLedgers>();
        var configured = options.Value.Ledgers;
        if (ledgers is null || configured.Count == 0)
        {
            return DepositScanReport.Empty;
        }

        var tally = new Tally();
        var failed = new List<string>();
        foreach (var ledger in configured)
        {
            try
            {
                await ScanLedgerAsync(ledgers, ledger, tally, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A ledger that cannot be reached, or answers garbage, is tried again by the next run; the others go on.
                unitOfWork.Reset();
                failed.Add(ledger.LedgerId);
                LogLedgerFailed(logger, ledger.LedgerId, ex);
            }
        }

        return new DepositScanReport(tally.Credited, tally.AwaitingPrice, tally.BelowFee, tally.UnknownToken, tally.Ignored, failed);
    }

    private async Task ScanLedgerAsync(IDepositLedgers ledgers, DepositLedger ledger, Tally tally, CancellationToken cancellationToken)
    {
        var terms = await ledgers.TermsAsync(ledger.LedgerId, cancellationToken);
        var cursor = await EnsureCursorAsync(ledger.LedgerId, cancellationToken);
        for (var read = 0; read < MaxReadsPerRun; read++)
        {
            var start = cursor.NextBlock;
            var page = await ledgers.ReadTransfersAsync(ledger.LedgerId, start, options.Value.BlocksPerRead, cancellationToken);
            if (page.NextBlock < start)
            {
                throw new InvalidOperationException($"ledger {ledger.LedgerId} answered a range ending at {page.NextBlock}, before {start}.");
            }

            var owners = page.Transfers.Count == 0
                ? new Dictionary<string, Guid>()
                : await store.FindAccountsAsync([.. page.Transfers.Select(t => t.Subaccount.Hex).Distinct(StringComparer.Ordinal)], cancellationToken);
            var price = await FreshPriceAsync(ledger.Token, cancellationToken);
            var moved = await CommitAsync(ledger, terms, start, page, owners, price, tally, cancellationToken);
            unitOfWork.Reset();
            if (moved is null || page.NextBlock == start)
            {
                // Another scanner holds or moved the cursor (its run covers these blocks), or the log has nothing new.
                return;
            }

            cursor = moved;
        }
    }

    /// <summary>One transaction: the locked cursor, the waiting deposits now priced, the new deposits and their credits, the cursor's move.</summary>
    private async Task<DepositCursor?> CommitAsync(
        DepositLedger ledger, LedgerTerms terms, long start, IncomingTransfers page, IReadOnlyDictionary<string, Guid> owners, decimal? price,
        Tally tally, CancellationToken cancellationToken)
    {
        var counts = new Tally();
        try
        {
            var cursor = await unitOfWork.InTransactionAsync(async () =>
            {
                var locked = await store.LockCursorAsync(ledger.LedgerId, cancellationToken);
                if (locked is null || locked.NextBlock != start)
                {
                    return null;
                }

                var now = time.Now();
                if (price is { } waitingPrice)
                {
                    foreach (var waiting in await store.ListForUpdateAsync(ledger.LedgerId, DepositState.AwaitingPrice, AwaitingBatch, cancellationToken))
                    {
                        await CreditAsync(waiting, waitingPrice, now, counts, cancellationToken);
                    }
                }

                foreach (var transfer in page.Transfers)
                {
                    if (!owners.TryGetValue(transfer.Subaccount.Hex, out var account))
                    {
                        counts.Ignored++;
                        continue;
                    }

                    var recorded = Deposit.Record(ledger.LedgerId, ledger.Token, terms.Decimals, transfer.BlockIndex, transfer.FromAccount, account,
                        transfer.Subaccount, transfer.Amount, terms.Fee, now);
                    if (recorded.IsFailed)
                    {
                        throw new InvalidOperationException($"block {transfer.BlockIndex} of {ledger.LedgerId}: {recorded.Errors[0].Message}");
                    }

                    var deposit = recorded.Value;
                    store.AddDeposit(deposit);
                    if (deposit.State == DepositState.AwaitingPrice && price is { } fresh)
                    {
                        await CreditAsync(deposit, fresh, now, counts, cancellationToken);
                    }
                    else
                    {
                        counts.Count(deposit);
                    }
                }

                locked.MoveTo(page.NextBlock, now);
                await unitOfWork.SaveChangesAsync(cancellationToken);
                return locked;
            }, cancellationToken);
            if (cursor is not null)
            {
                tally.Add(counts);
                counts.Log(logger, ledger.LedgerId);
            }

            return cursor;
        }
        catch (ConcurrencyConflictException ex)
        {
            // Another scanner committed the same blocks first (SQLite, where there is no row lock to skip): its deposits stand.
            LogLostRace(logger, ledger.LedgerId, ex);
            return null;
        }
    }

    private async Task CreditAsync(Deposit deposit, decimal price, DateTimeOffset now, Tally counts, CancellationToken cancellationToken)
    {
        var usd = deposit.Credit(price, options.Value.StablecoinTolerancePercent, now);
        if (usd.IsFailed)
        {
            throw new InvalidOperationException($"deposit {deposit.IdempotencyKey} cannot be credited: {usd.Errors[0].Message}");
        }

        if (deposit.State == DepositState.Credited)
        {
            var rail = LedgerAccount.Icrc1(deposit.Token).Value;
            var amount = TokenAmount.FromBaseUnits(Token.FromSymbol(deposit.Token).Value, deposit.Amount).Value;
            var memo = FormattableString.Invariant($"deposit of {amount} at {deposit.PriceUsd} USD (block {deposit.BlockIndex})");
            var transaction = LedgerTransaction.Transfer(
                LedgerTransactionKind.TopUp, deposit.IdempotencyKey, now, memo, rail, LedgerAccount.Wallet(deposit.AccountId), usd.Value).Value;
            var posted = await books.PostAsync(transaction, cancellationToken);
            if (posted.IsFailed || !posted.Value.SameMovementAs(transaction))
            {
                // The key is booked with another movement: the books and the deposits disagree, which an operator must look at.
                throw new BooksRefusedDeposit($"the books refused the credit {deposit.IdempotencyKey}: {(posted.IsFailed ? posted.Errors[0].Message : "booked differently")}");
            }
        }

        counts.Count(deposit);
    }

    private async Task<decimal?> FreshPriceAsync(Token? token, CancellationToken cancellationToken)
    {
        if (token is null)
        {
            return null;
        }

        var chosen = await prices.FindLastChosenAsync(token.Symbol, cancellationToken);
        return chosen is null || chosen.IsStaleAt(time.Now(), priceOptions.Value.MaxAge) ? null : chosen.PriceUsd;
    }

    private async Task<DepositCursor> EnsureCursorAsync(string ledger, CancellationToken cancellationToken)
    {
        if (await store.FindCursorAsync(ledger, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            store.AddCursor(DepositCursor.Start(ledger, time.Now()));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // Another scanner created it first; theirs is the one.
        }

        unitOfWork.Reset();
        return await store.FindCursorAsync(ledger, cancellationToken)
            ?? throw new InvalidOperationException($"the deposit cursor of {ledger} was neither found nor created.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The deposit scan of ledger {Ledger} failed; the next run tries again")]
    private static partial void LogLedgerFailed(ILogger logger, string ledger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another deposit scanner committed ledger {Ledger}'s blocks first")]
    private static partial void LogLostRace(ILogger logger, string ledger, Exception exception);

    /// <summary>Counts of one scan.</summary>
    private sealed partial class Tally
    {
        public int Credited { get; set; }

        public int AwaitingPrice { get; set; }

        public int BelowFee { get; set; }

        public int UnknownToken { get; set; }

        public int Ignored { get; set; }

        public void Count(Deposit deposit)
        {
            switch (deposit.State)
            {
                case DepositState.Credited:
                    Credited++;
                    break;
                case DepositState.AwaitingPrice:
                    AwaitingPrice++;
                    break;
                case DepositState.BelowFee:
                    BelowFee++;
                    break;
                case DepositState.UnknownToken:
                    UnknownToken++;
                    break;
            }
        }

        public void Add(Tally other)
        {
            Credited += other.Credited;
            AwaitingPrice += other.AwaitingPrice;
            BelowFee += other.BelowFee;
            UnknownToken += other.UnknownToken;
            Ignored += other.Ignored;
        }

        public void Log(ILogger logger, string ledger)
        {
            if (Credited > 0)
            {
                LogCredited(logger, Credited, ledger);
            }

            if (AwaitingPrice > 0)
            {
                LogAwaiting(logger, AwaitingPrice, ledger);
            }

            if (BelowFee > 0 || UnknownToken > 0)
            {
                LogNotCredited(logger, BelowFee, UnknownToken, ledger);
            }
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Credited {Count} deposits on ledger {Ledger}")]
        private static partial void LogCredited(ILogger logger, int count, string ledger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} deposits on ledger {Ledger} wait for a fresh price")]
        private static partial void LogAwaiting(ILogger logger, int count, string ledger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Recorded, not credited: {BelowFee} deposits at or below the fee and {Unknown} in an unknown token on ledger {Ledger} (GET /api/v1/admin/deposits)")]
        private static partial void LogNotCredited(ILogger logger, int belowFee, int unknown, string ledger);
    }
}

/// <summary>The books refused a deposit's credit: the scan stops (nothing of the transaction is written) until an operator looks.</summary>
internal sealed class BooksRefusedDeposit(string message) : Exception(message);
