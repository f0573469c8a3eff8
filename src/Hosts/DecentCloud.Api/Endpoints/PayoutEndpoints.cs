using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Payouts;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The automated ICRC-1 payout routes under the admin group (admin-signed, every call audited by the group's filter):
/// <c>dc-payout</c> plans a run, sends each recorded transfer itself and reports every outcome here. Route values and
/// query strings are read by hand, so a malformed one is answered after the group's filters, audited.
/// </summary>
internal static class PayoutEndpoints
{
    public static void MapPayouts(this RouteGroupBuilder admin)
    {
        admin.MapPost("/payout-runs", PlanRunAsync)
            .WithName("AdminPlanPayoutRun")
            .WithSummary("Plans an automated ICRC-1 payout run in one token at a fresh price (or, dryRun, shows it), resuming the payouts an earlier run left open.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapGet("/payouts", ListAsync)
            .WithName("AdminListPayouts").WithSummary("Payouts, newest first, optionally of one state and token; offset pages.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/payouts/{payoutId}", GetAsync)
            .WithName("AdminGetPayout").WithSummary("One payout (automated or manual) with its state, transfer arguments and block.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapPost("/payouts/{payoutId}/submitted", (HttpContext c, IMediator m, string payoutId) =>
                TransitionAsync(c, m, payoutId, id => new MarkPayoutSubmitted(Actor(c), ClientAddress.Of(c), id)))
            .WithName("AdminPayoutSubmitted").WithSummary("planned → submitted: the transfer is about to be sent (idempotent).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/payouts/{payoutId}/confirmed", (HttpContext c, IMediator m, string payoutId) =>
                c.Body<Wire.PayoutConfirmation>() is { } b
                    ? TransitionAsync(c, m, payoutId, id => new ConfirmPayout(Actor(c), ClientAddress.Of(c), id, b.BlockIndex))
                    : Task.FromResult(InvalidJson("{\"blockIndex\"}")))
            .WithName("AdminPayoutConfirmed").WithSummary("→ confirmed(block): its releases become paid out; idempotent for the same block, 409 for another.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/payouts/{payoutId}/failed", (HttpContext c, IMediator m, string payoutId) =>
                c.Body<Wire.PayoutFailure>() is { } b
                    ? TransitionAsync(c, m, payoutId, id => new FailPayout(Actor(c), ClientAddress.Of(c), id, b.Reason))
                    : Task.FromResult(InvalidJson("{\"reason\"}")))
            .WithName("AdminPayoutFailed").WithSummary("→ failed(reason): its releases return to pending for a later run.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/payouts/{payoutId}/fee", (HttpContext c, IMediator m, string payoutId) =>
                c.Body<Wire.PayoutFeeCorrection>() is { } b
                    ? TransitionAsync(c, m, payoutId, id => new CorrectPayoutFee(Actor(c), ClientAddress.Of(c), id, b.ExpectedFee))
                    : Task.FromResult(InvalidJson("{\"expectedFee\"}")))
            .WithName("AdminPayoutFee").WithSummary("After BadFee: records the ledger's expected fee (once per payout) and the amount that follows.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPost("/payouts/{payoutId}/replan", (HttpContext c, IMediator m, string payoutId) =>
                TransitionAsync(c, m, payoutId, id => new ReplanPayout(Actor(c), ClientAddress.Of(c), id)))
            .WithName("AdminPayoutReplan").WithSummary("After TooOld, once the ledger shows no transfer with the old memo: a new attempt with a new created_at_time and memo.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Wire.PayoutRunPlan>, ProblemHttpResult>> PlanRunAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.PayoutRunRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"token\", \"ledgerDecimals\", \"ledgerFee\", \"dryRun\"?}");
        }

        var result = await mediator.Send(
            new PlanPayoutRun(Actor(context), ClientAddress.Of(context), b.Token, b.LedgerDecimals, b.LedgerFee, b.DryRun), context.RequestAborted);
        if (result.IsFailed)
        {
            return result.ToProblem();
        }

        var run = result.Value;
        return TypedResults.Ok(new Wire.PayoutRunPlan(
            run.Token, run.LedgerCanisterId, run.PriceUsd, run.PriceAt, run.Decimals, run.Fee.ToString(CultureInfo.InvariantCulture), run.DryRun,
            [.. run.Payouts.Select(ToWire)],
            [.. run.Carried.Select(c => new Wire.CarriedPayout(c.ProviderPubkey, c.PendingE9s, c.WouldSendBaseUnits, c.Reason))]));
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.AutomatedPayout>>, ProblemHttpResult>> ListAsync(HttpContext context, IMediator mediator)
    {
        var query = context.Request.Query;
        int? offset = null, limit = null;
        if (!TryInt(query["offset"].ToString(), ref offset))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_offset", "offset must be a whole number, 0 or more.");
        }

        if (!TryInt(query["limit"].ToString(), ref limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", "limit must be a whole number 1-1000.");
        }

        var state = query["state"].ToString();
        var token = query["token"].ToString();
        var result = await mediator.Send(new ListPayouts(state.Length > 0 ? state : null, token.Length > 0 ? token : null, offset, limit), context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok<IReadOnlyList<Wire.AutomatedPayout>>([.. result.Value.Select(ToWire)])
            : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.AutomatedPayout>, ProblemHttpResult>> GetAsync(HttpContext context, IMediator mediator, string payoutId)
    {
        if (!Guid.TryParse(payoutId, out var id))
        {
            return InvalidId();
        }

        var result = await mediator.Send(new GetPayout(id), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ToWire(result.Value)) : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.AutomatedPayout>, ProblemHttpResult>> TransitionAsync(
        HttpContext context, IMediator mediator, string payoutId, Func<Guid, ICommand<Result<PayoutStatus>>> command)
    {
        if (!Guid.TryParse(payoutId, out var id))
        {
            return InvalidId();
        }

        var result = await mediator.Send(command(id), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ToWire(result.Value)) : result.ToProblem();
    }

    private static Results<Ok<Wire.AutomatedPayout>, ProblemHttpResult> InvalidJson(string shape) => ProblemMapping.InvalidJson(shape);

    private static ProblemHttpResult InvalidId() =>
        ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_payout_id", "payoutId must be a UUID.");

    private static string Actor(HttpContext context) => context.Admin().PublicKeyHex;

    private static bool TryInt(string text, ref int? value)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private static Wire.AutomatedPayout ToWire(PayoutStatus p) => new(
        p.PayoutId, p.ProviderPubkey, p.Rail, p.State, p.ToAccount, p.AmountE9s, p.Token, p.LedgerCanisterId, p.PriceUsd, p.GrossBaseUnits,
        p.AmountBaseUnits, p.FeeBaseUnits, p.MemoHex, p.CreatedAtTimeNanos, p.Attempt, p.BlockIndex, p.FailureReason, p.ReleaseIds, p.PlannedAt, p.SettledAt);
}
