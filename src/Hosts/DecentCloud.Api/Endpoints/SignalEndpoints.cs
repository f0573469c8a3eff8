using System.Text;
using DecentCloud.Api.Http;
using DecentCloud.Application.Signals;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Trust;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// Signals about an offering shown beside the provider's score: renters' YABS benchmarks (submitted with a device
/// signature, read by anyone) and its price against the market (public).
/// </summary>
internal static class SignalEndpoints
{
    public static void MapSignals(this IEndpointRouteBuilder app)
    {
        var offering = app.MapGroup("/api/v1/offerings/{id}").WithTags("signals")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        offering.MapGet("/benchmarks", ListAsync)
            .WithName("OfferingBenchmarkList").WithSummary("Renters' YABS runs of the offering, newest first (at most 50).");
        offering.MapGet("/price-vs-market", PriceVsMarketAsync)
            .WithName("OfferingPriceVsMarket").WithSummary("The offering's monthly price against the average of comparable offerings of other providers, in percent.");
        offering.MapGroup("").RequireDeviceSignature().MapPost("/benchmarks", SubmitAsync)
            .WithName("OfferingBenchmarkSubmit").WithSummary("A renter submits the JSON of `yabs.sh -j` run on the offering's machine; only accounts that rented it may.")
            .Accepts<object>("application/json").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<Created<Wire.BenchmarkSubmissionDetails>, ProblemHttpResult>> SubmitAsync(HttpContext context, IMediator mediator, string id)
    {
        // The document is YABS's own JSON, not a wire type of ours: the signed body is handed to the strict parser as it is.
        var document = context.Items[typeof(SignedCall)] is SignedCall call ? Encoding.UTF8.GetString(call.Body) : null;
        var result = await mediator.Send(new SubmitBenchmark(context.Device(), id, document), context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/offerings/{result.Value.OfferingId}/benchmarks", ToWire(result.Value))
            : AllFields(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.BenchmarkSubmissionDetails>>, ProblemHttpResult>> ListAsync(IMediator mediator, string id, CancellationToken cancellationToken) =>
        TypedReplies.Ok(await mediator.Send(new ListBenchmarks(id), cancellationToken), list => (IReadOnlyList<Wire.BenchmarkSubmissionDetails>)[.. list.Select(ToWire)]);

    private static async Task<Results<Ok<Wire.PriceVsMarketDetails>, ProblemHttpResult>> PriceVsMarketAsync(IMediator mediator, string id, CancellationToken cancellationToken) =>
        TypedReplies.Ok(await mediator.Send(new GetPriceVsMarket(id), cancellationToken), ToWire);

    /// <summary>A document with several bad fields gets them all: the detail joins their messages and <c>errors</c> lists each.</summary>
    private static ProblemHttpResult AllFields(Result<BenchmarkSubmission> result)
    {
        var fields = result.Errors.OfType<DomainError>().Where(e => e.Kind == ErrorKind.Validation).ToList();
        if (fields.Count < 2 || result.FirstDomainError().Kind != ErrorKind.Validation)
        {
            return result.ToProblem();
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            detail: string.Join(" ", fields.Select(e => e.Message)),
            type: $"https://decent-cloud.org/problems/{fields[0].Code}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = fields[0].Code,
                ["errors"] = fields.Select(e => new Dictionary<string, string> { ["code"] = e.Code, ["detail"] = e.Message }).ToList(),
            });
    }

    private static Wire.BenchmarkSubmissionDetails ToWire(BenchmarkSubmission s) => new(
        s.Id, s.OfferingId, s.SubmittedAt, s.YabsVersion, s.RanAt,
        [.. s.Benchmarks.Select(b => new Wire.BenchmarkFigure(b.Category.ToString().ToLowerInvariant(), b.Metric, b.Value, b.Unit, b.Context))]);

    private static Wire.PriceVsMarketDetails ToWire(PriceVsMarket p) => new(
        p.OfferingId, p.Class.CpuClass, p.Class.MemoryClassGib, p.Class.StorageClassGb, p.Class.RegionClass,
        UsdAmount.FromNanoUsd(p.MonthlyPriceNanoUsd).Value.ToString(), p.Comparables,
        p.MarketAverageNanoUsd is { } avg ? UsdAmount.FromNanoUsd(avg).Value.ToString() : null, p.Percent, p.IsFarOff);
}
