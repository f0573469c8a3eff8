using DecentCloud.Api.Http;
using DecentCloud.Application.Wallet;
using Mediator;
using WebhookReceipt = DecentCloud.Api.Client.WebhookReceipt;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// Top-up webhooks from Stripe and ICPay. They are not device-signed: each is authenticated by its sender's
/// <c>t=…,v1=…</c> HMAC header over the raw body, so the body is read as bytes and never re-serialized.
/// </summary>
internal static class WebhookEndpoints
{
    public const string StripePath = "/api/v1/webhooks/stripe";
    public const string IcpayPath = "/api/v1/webhooks/icpay";

    // Stripe's checkout.session.completed events are a few KiB; this leaves room without inviting large bodies.
    private const int MaxBodyBytes = 256 * 1024;

    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost(StripePath, (HttpContext context, IMediator mediator) =>
                HandleAsync(context, body => mediator.Send(new HandleStripeWebhook(body, context.Request.Headers["Stripe-Signature"].ToString()), context.RequestAborted)))
            .WithName("StripeWebhook")
            .WithTags("wallet")
            .WithSummary("Credits a wallet for a paid Stripe Checkout session (checkout.session.completed), once.")
            .Produces<WebhookReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapPost(IcpayPath, (HttpContext context, IMediator mediator) =>
                HandleAsync(context, body => mediator.Send(new HandleIcpayWebhook(body, context.Request.Headers["X-ICPay-Signature"].ToString()), context.RequestAborted)))
            .WithName("IcpayWebhook")
            .WithTags("wallet")
            .WithSummary("Credits (payment.completed) or reverses (payment.refunded) an ICPay top-up, once.")
            .Produces<WebhookReceipt>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, Func<byte[], ValueTask<FluentResults.Result<WebhookOutcome>>> handle)
    {
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return ProblemMapping.Refused(refusal, MaxBodyBytes);
        }

        var result = await handle(body);
        return result.IsSuccess
            ? TypedResults.Ok(new WebhookReceipt(true, Outcome(result.Value)))
            : result.ToProblem();
    }

    private static string Outcome(WebhookOutcome outcome) => outcome switch
    {
        WebhookOutcome.Credited => "credited",
        WebhookOutcome.AlreadyCredited => "already_credited",
        WebhookOutcome.Reversed => "reversed",
        WebhookOutcome.AlreadyReversed => "already_reversed",
        WebhookOutcome.Recorded => "recorded",
        _ => "ignored",
    };
}
