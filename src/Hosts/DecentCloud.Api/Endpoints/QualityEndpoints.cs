using DecentCloud.Api.Http;
using DecentCloud.Application.Quality;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// Measured service quality: public uptime reads of a contract, an offering and a provider (no signature), and the
/// provider's own daily report of an offering's SLIs (signed by one of its account's device keys).
/// </summary>
internal static class QualityEndpoints
{
    public static void MapQuality(this IEndpointRouteBuilder app)
    {
        var uptime = app.MapGroup("/api/v1").WithTags("quality").ProducesProblem(StatusCodes.Status404NotFound);
        uptime.MapGet("/contracts/{id}/uptime", ContractAsync)
            .WithName("ContractUptime").WithSummary("A contract's measured uptime over 24 h, 7 d and 30 d, its incidents and SLA breaches.");
        uptime.MapGet("/offerings/{id}/uptime", OfferingAsync)
            .WithName("OfferingUptime").WithSummary("An offering's measured uptime beside its provider's self-reported SLIs, and whether the gap is a red flag.");
        uptime.MapGet("/providers/{id}/uptime", ProviderAsync)
            .WithName("ProviderUptime").WithSummary("A provider's measured uptime over all its contracts.");

        app.MapGroup("/api/v1/providers/me").WithTags("quality").RequireDeviceSignature()
            .MapPut("/offerings/{id}/sli", SubmitSliAsync)
            .WithName("ProviderSliSubmit").WithSummary("Reports one day of one of the signer's offerings: uptime %, response %, incidents.")
            .Accepts<Wire.SelfReportedSliSubmission>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<Wire.ContractUptime>, ProblemHttpResult>> ContractAsync(HttpContext context, IMediator mediator, string id) =>
        Reply(await mediator.Send(new GetContractUptime(id), context.RequestAborted), v => new Wire.ContractUptime(
            v.ContractId, ToWire(v.Windows),
            [.. v.Incidents.Select(i => new Wire.UptimeIncident(i.StartedAt, i.EndedAt, i.DurationSeconds, i.UnhealthyChecks))],
            v.SlaBreaches));

    private static async Task<Results<Ok<Wire.OfferingUptime>, ProblemHttpResult>> OfferingAsync(HttpContext context, IMediator mediator, string id)
    {
        if (!Guid.TryParse(id, out var offeringId))
        {
            return NotFound("offering_not_found", "No such offering.");
        }

        return Reply(await mediator.Send(new GetOfferingUptime(offeringId), context.RequestAborted), v => new Wire.OfferingUptime(
            v.OfferingId, ToWire(v.Windows), [.. v.SelfReported.Select(ToWire)], v.SelfReportedUptimePercent, v.GapPoints, v.RedFlag));
    }

    private static async Task<Results<Ok<Wire.ProviderUptime>, ProblemHttpResult>> ProviderAsync(HttpContext context, IMediator mediator, string id) =>
        Reply(await mediator.Send(new GetProviderUptime(id), context.RequestAborted), v => new Wire.ProviderUptime(v.ProviderId, ToWire(v.Windows)));

    private static async Task<Results<Ok<Wire.SelfReportedDay>, ProblemHttpResult>> SubmitSliAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.SelfReportedSliSubmission>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"day\", \"uptimePercent\", \"responsePercent\", \"incidents\"}");
        }

        if (!Guid.TryParse(id, out var offeringId))
        {
            return NotFound("offering_not_found", "No such offering of yours.");
        }

        return Reply(
            await mediator.Send(new SubmitSelfReportedSli(context.Device(), offeringId, b.Day, b.UptimePercent, b.ResponsePercent, b.Incidents), context.RequestAborted),
            ToWire);
    }

    private static IReadOnlyList<Wire.UptimeWindowFigures> ToWire(IReadOnlyList<UptimeWindowView> windows) =>
        [.. windows.Select(w => new Wire.UptimeWindowFigures(w.Window, w.Percent, w.Healthy, w.Total))];

    private static Wire.SelfReportedDay ToWire(SelfReportedSliView v) => new(v.Day, v.UptimePercent, v.ResponsePercent, v.Incidents);

    private static ProblemHttpResult NotFound(string code, string message) =>
        Result.Fail(Domain.Common.DomainErrors.NotFound(code, message)).ToProblem();

    private static Results<Ok<TWire>, ProblemHttpResult> Reply<T, TWire>(Result<T> result, Func<T, TWire> toWire) =>
        result.IsSuccess ? TypedResults.Ok(toWire(result.Value)) : result.ToProblem();
}
