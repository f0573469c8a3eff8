using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Application.Common;

/// <summary>
/// One page of a provider's offset-paged list (<c>offset</c> 0-10,000, <c>limit</c> 1-100, default 20). It asks the store
/// for one row more than the page holds: that row tells whether another page follows, without counting.
/// </summary>
internal readonly record struct PageWindow(int Offset, int Limit)
{
    private const int MaxOffset = 10_000;
    private const int MaxLimit = 100;
    private const int DefaultLimit = 20;

    /// <summary>How many rows to read.</summary>
    public int Fetch => Limit + 1;

    /// <summary>The window asked for, or <c>invalid_offset</c> / <c>invalid_limit</c> naming the bounds.</summary>
    public static Result<PageWindow> Of(int? offset, int? limit)
    {
        var window = new PageWindow(offset ?? 0, limit ?? DefaultLimit);
        if (window.Offset is < 0 or > MaxOffset)
        {
            return Result.Fail(DomainError.Invalid("invalid_offset", $"offset: between 0 and {MaxOffset}."));
        }

        return window.Limit is < 1 or > MaxLimit
            ? Result.Fail(DomainError.Invalid("invalid_limit", $"limit: between 1 and {MaxLimit}."))
            : window;
    }

    /// <summary>The page's rows of the <see cref="Fetch"/> read, and the offset of the next page (<c>null</c> on the last).</summary>
    public (IReadOnlyList<T> Rows, int? NextOffset) Cut<T>(IReadOnlyList<T> fetched) =>
        ([.. fetched.Take(Limit)], fetched.Count > Limit ? Offset + Limit : null);
}
