using System.Text.Json;
using DecentCloud.Api.Http;
using DecentCloud.Application.Rentals;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>Renting a marketplace offering, paid from the signer's wallet into the contract's escrow (device-signed).</summary>
internal static class RentalEndpoints
{
    private const string Shape = "{\"offeringId\", \"durationSeconds\", \"sshPublicKey\", \"instanceConfig\"?, \"postProvisionScript\"?}";

    // The platform prices a rental; a client naming a price is told so, rather than seeing a generic shape error.
    private static readonly string[] PriceFields = ["price", "priceE8s", "priceUsd", "priceNanoUsd"];

    public static void MapRentals(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/rentals", RentAsync).WithTags("rentals").RequireDeviceSignature()
            .WithName("RentalCreate")
            .WithSummary("Rents an offering for a duration: the platform prices it, takes one unit of stock and moves the price from the wallet into the contract's escrow.")
            .Accepts<Wire.RentalRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<Wire.ContractDetails>, ProblemHttpResult>> RentAsync(HttpContext context, IMediator mediator)
    {
        if (PriceFieldIn(context) is { } field)
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "price_not_accepted",
                $"The body must not name a price ('{field}'): the platform prices a rental from the offering.");
        }

        if (context.Body<Wire.RentalRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson(Shape);
        }

        var result = await mediator.Send(
            new RentOffering(context.Device(), b.OfferingId, b.DurationSeconds, b.SshPublicKey, b.InstanceConfig, b.PostProvisionScript), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/contracts/{result.Value.ContractId}", result.Value.ToWire()) : result.ToProblem();
    }

    private static string? PriceFieldIn(HttpContext context)
    {
        if (!context.Items.TryGetValue(typeof(SignedCall), out var call) || call is not SignedCall { Body.Length: > 0 } signed)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(signed.Body);
            return document.RootElement.ValueKind != JsonValueKind.Object
                ? null
                : document.RootElement.EnumerateObject().Select(p => p.Name)
                    .FirstOrDefault(name => PriceFields.Contains(name, StringComparer.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            // Not JSON at all: the strict read answers with the expected shape.
            return null;
        }
    }
}
