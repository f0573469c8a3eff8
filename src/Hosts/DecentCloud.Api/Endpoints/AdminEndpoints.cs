using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Books;
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
