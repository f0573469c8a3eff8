using DecentCloud.Application.Common;
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
/// revenue), its row and the escrow's new totals commit together. A transaction holds no other escrow's lock, so two
/// workers only ever wait on the shared payable and revenue balances in the ledger's one account order and never
/// deadlock; a release that loses a race anyway is rolled back and taken again.
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
        while (true)
        {
            (bool Taken, bool Released) step;
            try
            {
                step = await unitOfWork.InTransactionAsync(async () =>
                {
                    var now = time.Now();
                    var due = await releases.LockDueAsync(now - o.ReleaseInterval, now, 1, cancellationToken);
                    if (due.Count == 0)
                    {
                        return (false, false);
                    }

                    var release = due[0].Release(now, fee);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "An escrow release lost a race to another writer; taking it again")]
    private static partial void LogLostRace(ILogger logger, Exception exception);
}
