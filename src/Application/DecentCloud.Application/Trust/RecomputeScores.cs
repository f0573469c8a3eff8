using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Trust;

/// <summary>
/// The scheduled <c>recompute-scores</c> job: recomputes and stores the score of every provider whose stored one is
/// older than <see cref="ScoreOptions.RecomputeAfter"/>. Safe on several API instances: each batch is taken with row
/// locks the others skip, and a provider once written is fresh for them.
/// </summary>
public sealed record RecomputeScores : ICommand<int>;

/// <summary>Handles <see cref="RecomputeScores"/>; returns how many providers were scored.</summary>
internal sealed class RecomputeScoresHandler(
    IProviderScoreStore scores,
    ProviderScoring scoring,
    IUnitOfWork unitOfWork,
    IOptions<ScoreOptions> options,
    TimeProvider time) : ICommandHandler<RecomputeScores, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(RecomputeScores command, CancellationToken cancellationToken)
    {
        var o = options.Value;
        await scores.AddMissingAsync(cancellationToken);
        var total = 0;
        while (true)
        {
            var taken = await unitOfWork.InTransactionAsync(async () =>
            {
                var now = time.Now();
                var due = await scores.LockDueAsync(now - o.RecomputeAfter, o.BatchSize, cancellationToken);
                foreach (var provider in due)
                {
                    await scores.SaveAsync(await scoring.ComputeAsync(provider, now, cancellationToken), cancellationToken);
                }

                return due.Count;
            }, cancellationToken);
            total += taken;
            if (taken < o.BatchSize)
            {
                return total;
            }
        }
    }
}
