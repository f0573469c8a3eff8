using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Books;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signer's wallet (device-signed account routes).</summary>
internal static class WalletEndpoints
{
    public const string WalletPath = "/api/v1/wallet";

    public static void MapWallet(this IEndpointRouteBuilder app)
    {
        app.MapGet(WalletPath, ViewAsync)
            .RequireDeviceSignature()
            .WithName("WalletView")
            .WithTags("wallet")
            .WithSummary("The signer's wallet balance and its last movements (?limit=1-200, default 20).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPost(WalletPath + "/topups/stripe", StartStripeAsync)
            .RequireDeviceSignature()
            .WithName("WalletStripeTopUp")
            .WithTags("wallet")
            .WithSummary("Opens a Stripe Checkout Session that tops up the signer's wallet ({\"amountUsd\": \"25.00\"}, 1.00-10000.00).")
            .Accepts<Wire.StripeTopUpRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<Wire.StripeTopUpStarted>, ProblemHttpResult>> StartStripeAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.StripeTopUpRequest>() is not { } body)
        {
            return ProblemMapping.InvalidJson("{\"amountUsd\": \"25.00\"}");
        }

        var result = await mediator.Send(new StartStripeTopUp(context.Device(), body.AmountUsd), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(new Wire.StripeTopUpStarted(result.Value.CheckoutUrl, result.Value.SessionId)) : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.WalletDetails>, ProblemHttpResult>> ViewAsync(HttpContext context, IMediator mediator)
    {
        var limit = ViewWallet.DefaultLimit;
        if (context.Request.Query.TryGetValue("limit", out var text)
            && !int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be 1-{ViewWallet.MaxLimit}.");
        }

        var result = await mediator.Send(new ViewWallet(context.Device(), limit), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ToWire(result.Value)) : result.ToProblem();
    }

    private static Wire.WalletDetails ToWire(WalletView view) =>
        new(view.AccountId, view.Balance.ToString(), view.Balance.NanoUsd,
            view.Entries.Select(e => new Wire.WalletEntryDetails(e.TransactionId, e.Kind.ToWire(), Signed(e.AmountNanoUsd), e.AmountNanoUsd, e.At, e.Memo)).ToArray());

    // UsdAmount holds no negatives; a debit is shown as its magnitude with a minus sign.
    private static string Signed(long nanoUsd) =>
        nanoUsd < 0 ? "-" + UsdAmount.FromNanoUsd(-nanoUsd).Value : UsdAmount.FromNanoUsd(nanoUsd).Value.ToString();
}
