using DecentCloud.Application.Common;
using DecentCloud.Domain.Quality;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Quality;

/// <summary>
/// The <c>rollup-health</c> job: sums the platform checks of every whole hour that ended at least
/// <see cref="QualityOptions.RollupGrace"/> ago into <c>health_rollups</c>, from where the last run stopped (a cursor
/// row one instance holds at a time, so the job is resumable and safe on several instances), then removes raw checks
/// older than <see cref="QualityOptions.RawRetentionDays"/> that are rolled up.
/// </summary>
public sealed record RollupHealth : ICommand<RollupResult>;

/// <summary>What a rollup run did.</summary>
/// <param name="Rollups">Rollup rows written.</param>
/// <param name="RolledUntil">Where rolling up now stops (<see cref="DateTimeOffset.MinValue"/> when nothing was ever rolled up).</param>
/// <param name="Pruned">Raw checks removed.</param>
public sealed record RollupResult(int Rollups, DateTimeOffset RolledUntil, int Pruned);

/// <summary>Handles <see cref="RollupHealth"/>.</summary>
internal sealed class RollupHealthHandler(IHealthRollupStore rollups, IUnitOfWork unitOfWork, IOptions<QualityOptions> options, TimeProvider time)
    : ICommandHandler<RollupHealth, RollupResult>
{
    /// <inheritdoc />
    public async ValueTask<RollupResult> Handle(RollupHealth command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var now = time.Now();
        var until = HealthRollup.HourOf(now - o.RollupGrace);
        var written = await unitOfWork.InTransactionAsync(async () =>
        {
            if (await rollups.TakeCursorAsync(cancellationToken) is not { } cursor)
            {
                return 0;
            }

            var from = cursor != DateTimeOffset.MinValue ? cursor
                : await rollups.EarliestCheckAsync(cancellationToken) is { } earliest ? HealthRollup.HourOf(earliest)
                : until;
            return from < until ? await rollups.RollUpAsync(from, until, cancellationToken) : 0;
        }, cancellationToken);

        // Only what a rollup already holds may go: a check newer than the cursor is still the only copy of its hour.
        var rolledUntil = await rollups.RolledUntilAsync(cancellationToken);
        var retention = now - TimeSpan.FromDays(o.RawRetentionDays);
        var pruned = await rollups.PruneRawAsync(rolledUntil < retention ? rolledUntil : retention, cancellationToken);
        return new RollupResult(written, rolledUntil, pruned);
    }
}
