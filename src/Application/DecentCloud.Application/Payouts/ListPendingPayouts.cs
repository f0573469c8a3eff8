using Mediator;

namespace DecentCloud.Application.Payouts;

/// <summary>What every provider is owed, biggest total first (<c>GET /api/v1/admin/payment-releases</c>, admin-signed).</summary>
public sealed record ListPendingPayouts : IQuery<IReadOnlyList<PendingPayout>>;

/// <summary>Handles <see cref="ListPendingPayouts"/>.</summary>
internal sealed class ListPendingPayoutsHandler(IPayoutStore payouts) : IQueryHandler<ListPendingPayouts, IReadOnlyList<PendingPayout>>
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<PendingPayout>> Handle(ListPendingPayouts query, CancellationToken cancellationToken) =>
        await payouts.ListPendingAsync(cancellationToken);
}
