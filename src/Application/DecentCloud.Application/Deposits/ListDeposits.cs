using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money.Deposits;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Deposits;

/// <summary>
/// <c>GET /api/v1/admin/deposits?state=</c>: the deposits found, newest first, optionally in one state — how an operator
/// sees what was credited, what waits for a price, and what was below the fee or in an unknown token (never credited).
/// </summary>
/// <param name="State">A state's wire name, or <c>null</c> for all.</param>
/// <param name="Limit">How many, 1-<see cref="MaxLimit"/>.</param>
public sealed record ListDeposits(string? State, int Limit = ListDeposits.DefaultLimit) : IQuery<Result<IReadOnlyList<Deposit>>>
{
    /// <summary>Deposits listed when the caller names no limit.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The most one call lists.</summary>
    public const int MaxLimit = 1000;
}

/// <summary>Handles <see cref="ListDeposits"/>.</summary>
internal sealed class ListDepositsHandler(IDepositStore store) : IQueryHandler<ListDeposits, Result<IReadOnlyList<Deposit>>>
{
    public async ValueTask<Result<IReadOnlyList<Deposit>>> Handle(ListDeposits query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        DepositState? state = null;
        if (!string.IsNullOrEmpty(query.State))
        {
            state = DepositStates.FromWireName(query.State);
            if (state is null)
            {
                return Result.Fail(DomainError.Invalid("invalid_state",
                    "state is one of credited, awaiting_price, below_fee, unknown_token, sweep_planned, swept."));
            }
        }

        if (query.Limit is < 1 or > ListDeposits.MaxLimit)
        {
            return Result.Fail(DomainError.Invalid("invalid_limit", $"limit must be 1-{ListDeposits.MaxLimit}."));
        }

        return Result.Ok(await store.ListAsync(state, query.Limit, cancellationToken));
    }
}
