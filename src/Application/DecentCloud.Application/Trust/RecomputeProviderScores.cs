using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Trust;

/// <summary>An operator recomputes one provider's scores now (<c>POST /api/v1/admin/providers/{id}/scores</c>).</summary>
public sealed record RecomputeProviderScores(string? ProviderId) : ICommand<Result<ProviderScores>>;

/// <summary>Handles <see cref="RecomputeProviderScores"/>.</summary>
internal sealed class RecomputeProviderScoresHandler(IProviderScoreStore scores, ProviderScoring scoring, IUnitOfWork unitOfWork, TimeProvider time)
    : ICommandHandler<RecomputeProviderScores, Result<ProviderScores>>
{
    /// <inheritdoc />
    public async ValueTask<Result<ProviderScores>> Handle(RecomputeProviderScores command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var provider = ProviderId.Create(command.ProviderId);
        if (provider.IsFailed)
        {
            return provider.ToResult<ProviderScores>();
        }

        // Locked while computing, so a job run on another instance waits instead of writing an older figure after ours.
        return await unitOfWork.InTransactionAsync(async () =>
        {
            await scores.LockAsync(provider.Value, cancellationToken);
            var computed = await scoring.ComputeAsync(provider.Value, time.Now(), cancellationToken);
            await scores.SaveAsync(computed, cancellationToken);
            return Result.Ok(computed);
        }, cancellationToken);
    }
}
