using DecentCloud.Application.Common;
using DecentCloud.Domain.Money.Deposits;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Deposits;

/// <summary>
/// Moves every credited deposit from its deposit subaccount to the treasury (run by the <c>scan-deposits</c> job after each
/// scan), with the dedupe pattern: the transfer's <c>created_at_time</c> and memo are recorded (<c>sweep_planned</c>) before
/// it is sent, so a resend after a crash, a lost reply or by another instance is the identical transfer, which the ledger
/// answers with <c>Duplicate</c> and the original block — counted as success (<c>swept</c> with that block).
/// </summary>
/// <remarks>
/// The amount sent is the deposit less the ledger fee recorded when it was found (what it holds, less what the ledger takes).
/// A sweep left planned beyond the ledger's 24 h window (<c>TooOld</c>) is planned again with a new <c>created_at_time</c> only
/// once the ledger's log since the deposit shows no transfer with its memo (else that transfer's block is the sweep). Any other
/// refusal (<c>BadFee</c> after a fee change, ...) leaves the deposit <c>sweep_planned</c> and is logged for an operator.
/// </remarks>
public sealed record SweepDeposits : ICommand<int>;

/// <summary>Handles <see cref="SweepDeposits"/>; returns how many deposits were swept.</summary>
internal sealed partial class SweepDepositsHandler(
    IServiceProvider services, IDepositStore store, IUnitOfWork unitOfWork, IOptions<DepositOptions> options, TimeProvider time,
    ILogger<SweepDepositsHandler> logger) : ICommandHandler<SweepDeposits, int>
{
    private const int Batch = 100;

    /// <summary>The ledger's refusal of a <c>created_at_time</c> older than its transaction window.</summary>
    private const string TooOld = "TooOld";

    /// <summary>The memo's prefix: marks the platform's sweeps on the ledger (the rest is the deposit id).</summary>
    private static readonly byte[] MemoPrefix = "dcsw"u8.ToArray();

    public async ValueTask<int> Handle(SweepDeposits command, CancellationToken cancellationToken)
    {
        var ledgers = services.GetService<IDepositLedgers>();
        if (ledgers is null)
        {
            return 0;
        }

        var swept = 0;
        foreach (var ledger in options.Value.Ledgers.Where(l => l.Token is not null))
        {
            await PlanAsync(ledger.LedgerId, cancellationToken);
            foreach (var planned in await store.ListForUpdateAsync(ledger.LedgerId, DepositState.SweepPlanned, Batch, cancellationToken))
            {
                unitOfWork.Reset();
                swept += await SendAsync(ledgers, planned, cancellationToken) ? 1 : 0;
            }

            unitOfWork.Reset();
        }

        return swept;
    }

    /// <summary>Records the sweep of every credited deposit of <paramref name="ledger"/> before anything is sent.</summary>
    private async Task PlanAsync(string ledger, CancellationToken cancellationToken)
    {
        try
        {
            var credited = await store.ListForUpdateAsync(ledger, DepositState.Credited, Batch, cancellationToken);
            if (credited.Count == 0)
            {
                return;
            }

            var nanos = (time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            foreach (var deposit in credited)
            {
                deposit.PlanSweep(nanos, [.. MemoPrefix, .. deposit.Id.ToByteArray(bigEndian: true)]);
            }

            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException ex)
        {
            // Another instance planned them first (the rows' version): its plan is the one sent.
            LogLostRace(logger, ledger, ex);
        }
        finally
        {
            unitOfWork.Reset();
        }
    }

    private async Task<bool> SendAsync(IDepositLedgers ledgers, Deposit planned, CancellationToken cancellationToken)
    {
        SweepOutcome outcome;
        try
        {
            outcome = await ledgers.SweepAsync(planned.Ledger, DepositSubaccount.FromBytes(Convert.FromHexString(planned.Subaccount))!.Value,
                planned.Amount - planned.LedgerFee, planned.LedgerFee, planned.SweepCreatedAtNanos!.Value, planned.SweepMemo!, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unreachable or no answer: the next run sends the identical transfer again.
            LogSendFailed(logger, planned.IdempotencyKey, ex);
            return false;
        }

        if (outcome.Block is not { } block)
        {
            if (outcome.Error == TooOld)
            {
                return await ReplanOrFindAsync(ledgers, planned, cancellationToken);
            }

            LogRefused(logger, planned.IdempotencyKey, outcome.Error ?? "unknown");
            return false;
        }

        return await MarkSweptAsync(planned, block, cancellationToken);
    }

    /// <summary>
    /// After <c>TooOld</c>: the ledger's log since the deposit either holds the sweep (an earlier attempt executed and its reply
    /// was lost: that block is the sweep) or not (then, past the window, it never can: a new created_at_time is recorded, sent
    /// by the next run).
    /// </summary>
    private async Task<bool> ReplanOrFindAsync(IDepositLedgers ledgers, Deposit planned, CancellationToken cancellationToken)
    {
        long? found;
        try
        {
            found = await ledgers.FindSweepAsync(planned.Ledger, DepositSubaccount.FromBytes(Convert.FromHexString(planned.Subaccount))!.Value,
                planned.SweepMemo!, planned.BlockIndex, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, planned.IdempotencyKey, ex);
            return false;
        }

        if (found is { } block)
        {
            return await MarkSweptAsync(planned, block, cancellationToken);
        }

        try
        {
            var tracked = (await store.ListForUpdateAsync(planned.Ledger, DepositState.SweepPlanned, Batch, cancellationToken)).FirstOrDefault(d => d.Id == planned.Id);
            tracked?.ReplanSweep((time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            LogReplanned(logger, planned.IdempotencyKey);
        }
        catch (ConcurrencyConflictException ex)
        {
            LogLostRace(logger, planned.Ledger, ex);
        }

        return false;
    }

    private async Task<bool> MarkSweptAsync(Deposit planned, long block, CancellationToken cancellationToken)
    {
        try
        {
            var tracked = (await store.ListForUpdateAsync(planned.Ledger, DepositState.SweepPlanned, Batch, cancellationToken)).FirstOrDefault(d => d.Id == planned.Id);
            if (tracked is null)
            {
                return false;
            }

            tracked.MarkSwept(block);
            await unitOfWork.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (ConcurrencyConflictException ex)
        {
            // Another instance recorded the same block (its send was the same transfer).
            LogLostRace(logger, planned.Ledger, ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of deposit {Deposit} was not answered; the next run sends the identical transfer")]
    private static partial void LogSendFailed(ILogger logger, string deposit, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ledger refused the sweep of deposit {Deposit} ({Error}); it stays sweep_planned for an operator")]
    private static partial void LogRefused(ILogger logger, string deposit, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sweep of deposit {Deposit} was too old for the ledger and is not in its log; planned again with a new created_at_time")]
    private static partial void LogReplanned(ILogger logger, string deposit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another instance swept deposits of ledger {Ledger} first")]
    private static partial void LogLostRace(ILogger logger, string ledger, Exception exception);
}
