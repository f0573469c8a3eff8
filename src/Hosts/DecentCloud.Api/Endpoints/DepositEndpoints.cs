using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Deposits;
using DecentCloud.Domain.Money.Deposits;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>ICRC-1 deposits: the signer's deposit address, and the operator's report of what was found.</summary>
internal static class DepositEndpoints
{
    // Prices are stored with 12 fraction digits; shown without trailing zeros, as decimal text reads them back exactly.
    private const string PriceFormat = "0.############";

    public const string AddressPath = WalletEndpoints.WalletPath + "/deposit-address";

    public static void MapDeposits(this IEndpointRouteBuilder app)
    {
        app.MapGet(AddressPath, AddressAsync)
            .RequireDeviceSignature()
            .WithName("WalletDepositAddress")
            .WithTags("wallet")
            .WithSummary("The signer's ICRC-1 deposit address (the platform's deposit principal and the account's subaccount) and the tokens credited there.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        // Signed and audited like every admin route (the same conventions as AdminEndpoints' group).
        var admin = app.MapGroup("/api/v1/admin").WithTags("admin").RequireAdminSignature();
        admin.MapGet("/deposits", ListAsync)
            .WithName("AdminDeposits")
            .WithSummary("The ICRC-1 deposits found, newest first (?state=credited|awaiting_price|below_fee|unknown_token|sweep_planned|swept, ?limit=1-1000, default 100).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<Wire.DepositAddressDetails>, ProblemHttpResult>> AddressAsync(HttpContext context, IMediator mediator)
    {
        var result = await mediator.Send(new GetDepositAddress(context.Device()), context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok(new Wire.DepositAddressDetails(result.Value.AccountId, result.Value.Address, result.Value.Subaccount, result.Value.Tokens))
            : result.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.DepositDetails>>, ProblemHttpResult>> ListAsync(HttpContext context, IMediator mediator)
    {
        // Read by hand: a binding failure would answer before the group's filters, and so leave the call unaudited.
        var text = context.Request.Query["limit"].ToString();
        var limit = ListDeposits.DefaultLimit;
        if (text.Length > 0 && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number 1-{ListDeposits.MaxLimit}.");
        }

        var state = context.Request.Query["state"].ToString();
        var result = await mediator.Send(new ListDeposits(state.Length == 0 ? null : state, limit), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok<IReadOnlyList<Wire.DepositDetails>>([.. result.Value.Select(ToWire)]) : result.ToProblem();
    }

    private static Wire.DepositDetails ToWire(Deposit d) => new(
        d.Id, d.Ledger, d.Token, d.BlockIndex, d.FromAccount, d.AccountId, d.Amount.ToString(CultureInfo.InvariantCulture), d.Decimals,
        d.LedgerFee.ToString(CultureInfo.InvariantCulture), d.State.ToWireName(), d.PriceUsd?.ToString(PriceFormat, CultureInfo.InvariantCulture), d.CreditedNanoUsd,
        d.DetectedAt, d.CreditedAt, d.SweepBlock);
}
