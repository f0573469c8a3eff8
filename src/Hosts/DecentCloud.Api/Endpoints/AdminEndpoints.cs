using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Books;
using DecentCloud.Application.Payouts;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The operator's routes under <c>/api/v1/admin</c>, each signed by a key of <c>DC_ADMIN_PUBLIC_KEYS</c> and each call
/// audited (both declared once on the group). A further admin route is one <c>admin.Map…</c> line here plus its handler.
/// </summary>
internal static class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("admin").RequireAdminSignature();
        admin.MapGet("/books", VerifyBooksAsync)
            .WithName("AdminBooksVerify").WithSummary("Verifies the double-entry books (as `admin books verify`); `limit` caps the discrepancies listed (1-1000, default 20).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/payment-releases", ListPaymentReleasesAsync)
            .WithName("AdminPaymentReleases").WithSummary("What every provider is owed (released escrow not yet paid out), biggest total first.");
        admin.MapPost("/payouts", RecordPayoutAsync)
            .WithName("AdminRecordPayout")
            .WithSummary("Records a payment made by hand to a provider; the amount must equal its pending total (or the named releases') and a payment reference is required.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        admin.MapPayouts();
        admin.MapArchive();
    }

    private static async Task<Ok<IReadOnlyList<Wire.PendingPaymentRelease>>> ListPaymentReleasesAsync(HttpContext context, IMediator mediator)
    {
        var pending = await mediator.Send(new ListPendingPayouts(), context.RequestAborted);
        return TypedResults.Ok<IReadOnlyList<Wire.PendingPaymentRelease>>(
            [.. pending.Select(p => new Wire.PendingPaymentRelease(p.ProviderPubkey, p.TotalPendingE9s, p.ReleaseCount, p.OldestReleaseAt))]);
    }

    private static async Task<Results<Ok<Wire.PayoutDetails>, ProblemHttpResult>> RecordPayoutAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.ManualPayoutRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"providerPubkey\", \"walletAddress\", \"externalReference\", \"amountE9s\", \"releaseIds\"?}");
        }

        var result = await mediator.Send(
            new RecordManualPayout(context.Admin().PublicKeyHex, ClientAddress.Of(context), b.ProviderPubkey, b.WalletAddress, b.ExternalReference, b.AmountE9s, b.ReleaseIds),
            context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok(new Wire.PayoutDetails(result.Value.PayoutId, result.Value.ProviderPubkey, result.Value.AmountE9s, result.Value.ExternalReference, result.Value.ReleaseIds, result.Value.At))
            : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.BooksVerification>, ProblemHttpResult>> VerifyBooksAsync(HttpContext context, IMediator mediator)
    {
        // Read by hand: a binding failure would answer before the group's filters, and so leave the call unaudited.
        var text = context.Request.Query["limit"].ToString();
        var limit = VerifyBooks.DefaultMaxDiscrepancies;
        if (text.Length > 0 && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", "limit must be a whole number 1-1000.");
        }

        var result = await mediator.Send(new VerifyBooks(limit), context.RequestAborted);
        if (result.IsFailed)
        {
            return result.ToProblem();
        }

        var report = result.Value;
        return TypedResults.Ok(new Wire.BooksVerification(
            report.Balanced, report.Counts.Transactions, report.Counts.Postings, report.Counts.Accounts,
            [.. report.Discrepancies.Select(d => new Wire.BooksDiscrepancyDetails(d.Problem, d.Subject, d.Detail))]));
    }
}
