using DecentCloud.Application.Common;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Prices;

/// <summary>The last chosen price of <paramref name="Token"/> with its age and its latest round's sources; <c>null</c> when no price was ever chosen.</summary>
/// <param name="Token">The token symbol.</param>
public sealed record GetPrice(string Token) : IQuery<PriceView?>;

/// <summary>A token's price as shown: stale when older than <see cref="PricesOptions.MaxAge"/> (shown, never used where a fresh price is needed).</summary>
/// <param name="Token">The token symbol.</param>
/// <param name="PriceUsd">USD per whole token.</param>
/// <param name="Stale">Whether the price is older than the max age.</param>
/// <param name="Age">How old it is.</param>
/// <param name="At">When it was chosen.</param>
/// <param name="Sources">The latest round's attempts (which may be newer than the price, explaining why it is stale).</param>
public sealed record PriceView(string Token, decimal PriceUsd, bool Stale, TimeSpan Age, DateTimeOffset At, IReadOnlyList<SourceAttempt> Sources);

/// <summary>Handles <see cref="GetPrice"/>.</summary>
internal sealed class GetPriceHandler(IPriceStore store, IOptions<PricesOptions> options, TimeProvider time) : IQueryHandler<GetPrice, PriceView?>
{
    /// <inheritdoc />
    public async ValueTask<PriceView?> Handle(GetPrice query, CancellationToken cancellationToken)
    {
        var chosen = await store.FindLastChosenAsync(query.Token, cancellationToken);
        if (chosen is null)
        {
            return null;
        }

        var now = time.Now();
        var sources = await store.ListLatestRoundAsync(query.Token, cancellationToken);
        return new PriceView(chosen.Token, chosen.PriceUsd, chosen.IsStaleAt(now, options.Value.MaxAge), chosen.AgeAt(now), chosen.ChosenAt, sources);
    }
}
