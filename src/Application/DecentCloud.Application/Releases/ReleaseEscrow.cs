using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Releases;

/// <summary>
/// The <c>escrow-releases</c> job: releases every running rental's earned escrow to its provider, once per release
/// interval and finally at the end. Safe with several workers: each batch of escrows is taken with row locks the
/// others skip (PostgreSQL), the escrow row's version stops a concurrent settlement, and the release rows' unique
/// (contract, period start) index refuses a period released twice.
/// </summary>
/// <remarks>
/// One database transaction per batch of up to <see cref="EscrowOptions.BatchSize"/> escrows: each release in it is
/// its own balanced ledger transaction with its own row, and they commit together with the escrows' new totals, so a
/// crash leaves either the whole batch or none of it. A batch that loses a race is rolled back and taken again.
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

    /// <inheritdoc />
    public async ValueTask<int> Handle(ReleaseEscrow command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var fee = o.Fee;
        var total = 0;
        var conflicts = 0;
        while (true)
        {
            (int Taken, int Released) batch;
            try
            {
                batch = await unitOfWork.InTransactionAsync(async () =>
                {
                    var now = time.Now();
                    var due = await releases.LockDueAsync(now - o.ReleaseInterval, now, o.BatchSize, cancellationToken);
                    var released = 0;
                    foreach (var escrow in due)
                    {
                        if (escrow.Release(now, fee) is { } release)
                        {
                            await booking.ReleaseAsync(release, cancellationToken);
                            released++;
                        }
                    }

                    await unitOfWork.SaveChangesAsync(cancellationToken);
                    return (due.Count, released);
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

            total += batch.Released;
            if (batch.Taken < o.BatchSize)
            {
                if (total > 0)
                {
                    LogReleased(logger, total);
                }

                return total;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escrow releases: {Count} booked")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "An escrow release batch lost a race to another writer; taking it again")]
    private static partial void LogLostRace(ILogger logger, Exception exception);
}
