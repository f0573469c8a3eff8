using DecentCloud.Api.Http;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Trust;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// Trust: a provider's scores and signals and the leaderboard (public), a renter's feedback on an ended contract
/// (device-signed) and the operator's recompute (admin-signed).
/// </summary>
internal static class TrustEndpoints
{
    public static void MapTrust(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/providers").WithTags("trust").ProducesProblem(StatusCodes.Status400BadRequest);
        providers.MapGet("/{id}/trust", GetTrustAsync)
            .WithName("ProviderTrust").WithSummary("The provider's trust and reliability scores, every penalty and bonus with its reason and severity, the tier, and the signals beside them.");
        providers.MapGet("/leaderboard", GetLeaderboardAsync)
            .WithName("ProviderLeaderboard").WithSummary("Stored provider scores, best trust first (providers without enough data last), then reliability; offset pages.");

        app.MapPost("/api/v1/contracts/{id}/feedback", GiveFeedbackAsync).WithTags("trust").RequireDeviceSignature()
            .WithName("ContractFeedback").WithSummary("The renter answers once, after the contract ended: did it match its description, would you rent again.")
            .Accepts<Wire.ContractFeedbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapPost("/api/v1/admin/providers/{id}/scores", RecomputeAsync).WithTags("admin").RequireAdminSignature()
            .WithName("AdminRecomputeProviderScores").WithSummary("Recomputes and stores the provider's scores now.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<Wire.ProviderTrustDetails>, ProblemHttpResult>> GetTrustAsync(HttpContext context, IMediator mediator, string id) =>
        TypedReplies.Ok(await mediator.Send(new GetProviderTrust(id), context.RequestAborted), t => ToWire(t.Scores, t.Signals));

    private static async Task<Results<Ok<Wire.LeaderboardPage>, ProblemHttpResult>> GetLeaderboardAsync(HttpContext context, IMediator mediator, int? offset, int? limit) =>
        TypedReplies.Ok(await mediator.Send(new GetLeaderboard(offset, limit), context.RequestAborted), page => new Wire.LeaderboardPage(
            [.. page.Items.Select((s, i) => new Wire.LeaderboardEntry((offset ?? 0) + i + 1, s.ProviderId.Value, s.Trust.Score, s.Trust.Tier?.ToWireName(),
                s.Trust.NotEnoughData, s.Reliability.Score, s.ComputedAt))],
            page.NextOffset));

    private static async Task<Results<Ok<Wire.ContractFeedbackDetails>, ProblemHttpResult>> GiveFeedbackAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.ContractFeedbackRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"matchedDescription\", \"wouldRentAgain\"}");
        }

        return TypedReplies.Ok(await mediator.Send(new GiveContractFeedback(context.Device(), id, b.MatchedDescription, b.WouldRentAgain), context.RequestAborted),
            f => new Wire.ContractFeedbackDetails(f.ContractId.Hex, f.MatchedDescription, f.WouldRentAgain, f.GivenAt));
    }

    private static async Task<Results<Ok<Wire.ProviderTrustDetails>, ProblemHttpResult>> RecomputeAsync(HttpContext context, IMediator mediator, string id) =>
        TypedReplies.Ok(await mediator.Send(new RecomputeProviderScores(id), context.RequestAborted), s => ToWire(s, []));

    private static Wire.ProviderTrustDetails ToWire(ProviderScores scores, IReadOnlyList<TrustSignal> signals) => new(
        scores.ProviderId.Value, scores.Trust.Score, scores.Trust.Tier?.ToWireName(), scores.Trust.NotEnoughData, [.. scores.Trust.Factors.Select(ToWire)],
        scores.Reliability.Score, scores.Reliability.SlaPenalty, [.. scores.Reliability.Factors.Select(ToWire)], scores.ComputedAt,
        [.. signals.Select(s => new Wire.TrustSignalDetails(s.Kind, s.Subject, s.Metric, s.Value, s.Unit, s.Source, s.ObservedAt, FlagName(s.Flag), s.Note))]);

    private static Wire.ScoreFactor ToWire(TrustFactor factor) => new(factor.Code, factor.Reason, factor.Severity.ToWireName(), factor.Points);

    private static string FlagName(SignalFlag flag) => flag switch
    {
        SignalFlag.Warning => "warning",
        SignalFlag.RedFlag => "red_flag",
        _ => "none",
    };
}
