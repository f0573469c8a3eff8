using DecentCloud.Api.Http;
using DecentCloud.Application.Prices;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>The token prices the platform chose from its sources (public, no signature).</summary>
internal static class PriceEndpoints
{
    public static void MapPrices(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/prices/{token}", GetAsync).WithTags("prices")
            .WithName("TokenPriceGet").WithSummary("A token's last chosen USD price, whether it is stale, its age and its sources' latest quotes.")
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<Wire.TokenPrice>, ProblemHttpResult>> GetAsync(string token, IMediator mediator, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetPrice(token), cancellationToken) is not { } price)
        {
            // Never a made-up value: a token without a chosen price has none.
            return ProblemMapping.Problem(StatusCodes.Status404NotFound, "no_price", $"No price was ever chosen for {token}.");
        }

        return TypedResults.Ok(new Wire.TokenPrice(
            price.Token, price.PriceUsd, price.Stale, (long)price.Age.TotalSeconds, price.At,
            [.. price.Sources.Select(s => new Wire.TokenPriceSource(s.Source, s.PriceUsd, s.At, s.Used, s.Reason))]));
    }
}
