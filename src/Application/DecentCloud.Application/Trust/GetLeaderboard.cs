using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Trust;

/// <summary>The public provider leaderboard (<c>GET /api/v1/providers/leaderboard</c>): stored scores, best first, one page.</summary>
/// <param name="Offset">Rows skipped (0-10000).</param>
/// <param name="Limit">Rows returned (1-100, default 20).</param>
public sealed record GetLeaderboard(int? Offset, int? Limit) : IQuery<Result<LeaderboardPage>>;

/// <summary>One page of the leaderboard and the offset of the next page, or <c>null</c> on the last page.</summary>
/// <param name="Items">The providers' scores, best first.</param>
/// <param name="NextOffset">Where the next page starts, or <c>null</c>.</param>
public sealed record LeaderboardPage(IReadOnlyList<ProviderScores> Items, int? NextOffset);

/// <summary>Handles <see cref="GetLeaderboard"/>.</summary>
internal sealed class GetLeaderboardHandler(IProviderScoreStore scores) : IQueryHandler<GetLeaderboard, Result<LeaderboardPage>>
{
    private const int MaxLimit = 100;
    private const int MaxOffset = 10_000;

    /// <inheritdoc />
    public async ValueTask<Result<LeaderboardPage>> Handle(GetLeaderboard query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var errors = new List<IError>();
        if (query.Offset is not null and (< 0 or > MaxOffset))
        {
            errors.Add(DomainError.Invalid("invalid_offset", $"offset must be 0-{MaxOffset}."));
        }

        if (query.Limit is not null and (< 1 or > MaxLimit))
        {
            errors.Add(DomainError.Invalid("invalid_limit", $"limit must be 1-{MaxLimit}."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail<LeaderboardPage>(errors);
        }

        var offset = query.Offset ?? 0;
        var limit = query.Limit ?? 20;
        var rows = await scores.LeaderboardAsync(offset, limit, cancellationToken);
        var more = rows.Count > limit;
        return new LeaderboardPage(more ? [.. rows.Take(limit)] : rows, more ? offset + limit : null);
    }
}
