using DecentCloud.Application.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money.Releases;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Releases;

/// <summary>
/// The <c>escrow-releases</c> job: releases every running rental's earned escrow to its provider, once per release
/// interval and finally at the end. Safe with several workers: each escrow is taken with a row lock the others skip
/// (PostgreSQL), the escrow row's version stops a concurrent settlement, and the release rows' unique
/// (contract, period start) index refuses a period released twice.
/// </summary>
/// <remarks>
/// A running rental provisioned before escrows existed has its escrow opened first (lazily, from the contract's price,
/// provisioning time and end). One database transaction per release: the escrow's lock, its balanced ledger transaction (escrow → payable and
/// revenue), its row and the escrow's new totals commit together. Two release workers only wait on the shared payable
/// and revenue balances in the ledger's one account order; a settlement of the same contract (a cancellation) can still
/// meet a worker in a lock cycle on PostgreSQL, and whichever side the database aborts is rolled back whole and runs
/// again (the settlement's command retries on conflict, the job takes the escrow again). What is due is decided at one
/// instant per run, so a run always ends; an escrow the books refuse is logged and passed over.
/// </remarks>
public sealed record ReleaseEscrow : ICommand<int>;

/// <summary>Handles <see cref="ReleaseEscrow"/>; returns how many releases were booked.</summary>
internal sealed partial class ReleaseEscrowHandler(
    IReleaseStore releases,
    EscrowBooking booking,
    IUnitOfWork unitOfWork,
    IOptions<EscrowOptions> options,
    TimeProvider time,
    ILogger<ReleaseEscrowHandler> logger) : ICommandHandler<ReleaseEscrow, int>
{
    /// <summary>Lost races in a row after which the run stops (the next run carries on).</summary>
    private const int MaxConflicts = 5;

    /// <summary>Escrows opened lazily per transaction.</summary>
    private const int OpenBatch = 100;

    /// <inheritdoc />
    public async ValueTask<int> Handle(ReleaseEscrow command, CancellationToken cancellationToken)
    {
        await OpenMissingEscrowsAsync(cancellationToken);
        var o = options.Value;
        var fee = o.Fee;
        var total = 0;
        var conflicts = 0;
        // One instant for the whole run: what is due is decided once, so a run slower than the release interval still ends.
        var now = time.Now();
        var refused = new HashSet<ContractId>();
        while (true)
        {
            (bool Taken, bool Released) step;
            RentalEscrow? current = null;
            try
            {
                step = await unitOfWork.InTransactionAsync(async () =>
                {
                    // Escrows the books refused this run are passed over (one more row asked for each), not retried forever.
                    var due = await releases.LockDueAsync(now - o.ReleaseInterval, now, 1 + refused.Count, cancellationToken);
                    current = due.FirstOrDefault(e => !refused.Contains(e.ContractId));
                    if (current is null)
                    {
                        return (false, false);
                    }

                    var release = current.Release(now, fee);
                    if (release is not null)
                    {
                        await booking.ReleaseAsync(release, cancellationToken);
                    }

                    // Saved even without a release: a period too short to earn one nano-USD still moves released-until.
                    await unitOfWork.SaveChangesAsync(cancellationToken);
                    return (true, release is not null);
                }, cancellationToken);
                conflicts = 0;
            }
            catch (ConcurrencyConflictException ex)
            {
                unitOfWork.Reset();
                LogLostRace(logger, ex);
                if (++conflicts >= MaxConflicts)
                {
                    return total;
                }

                continue;
            }
            catch (BooksRefusedException ex) when (current is not null)
            {
                // The escrow row and its ledger account disagree: an operator must look; the other escrows still release.
                unitOfWork.Reset();
                refused.Add(current.ContractId);
                LogRefused(logger, current.ContractId.Hex, ex);
                continue;
            }

            // Each release's entities are committed; a fresh tracker keeps a long run from slowing down.
            unitOfWork.Reset();
            if (!step.Taken)
            {
                if (total > 0)
                {
                    LogReleased(logger, total);
                }

                return total;
            }

            total += step.Released ? 1 : 0;
        }
    }

    /// <summary>Opens the escrow of running rentals provisioned before escrows existed, so the releases below include them.</summary>
    private async Task OpenMissingEscrowsAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int found;
            try
            {
                found = await unitOfWork.InTransactionAsync(async () =>
                {
                    var running = await releases.ListRunningWithoutEscrowAsync(OpenBatch, cancellationToken);
                    foreach (var contract in running)
                    {
                        var opened = RentalEscrow.Open(contract.Id, contract.Terms.ProviderId, contract.RentalPriceNanoUsd!.Value, contract.ProvisionedAt!.Value,
                            contract.EndsAt!.Value);
                        if (opened.IsFailed)
                        {
                            throw new InvalidOperationException($"contract {contract.Id.Hex} cannot open its escrow: {opened.Errors[0].Message}");
                        }

                        releases.AddEscrow(opened.Value);
                    }

                    await unitOfWork.SaveChangesAsync(cancellationToken);
                    return running.Count;
                }, cancellationToken);
            }
            catch (ConcurrencyConflictException ex)
            {
                // Another worker opened some of them first: its escrows stand, the releases below take them.
                unitOfWork.Reset();
                LogLostRace(logger, ex);
                return;
            }

            unitOfWork.Reset();
            if (found < OpenBatch)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escrow releases: {Count} booked")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The escrow release of contract {ContractId} was refused by the books; it is passed over until its escrow row and account are reconciled by hand")]
    private static partial void LogRefused(ILogger logger, string contractId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An escrow release lost a race to another writer; taking it again")]
    private static partial void LogLostRace(ILogger logger, Exception exception);
}
