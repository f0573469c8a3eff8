using DecentCloud.Api.Http;
using DecentCloud.Application.Marketplace;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Marketplace;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The marketplace: a provider's own profile and offerings (signed by one of its account's device keys) and the
/// public offering search (no signature).
/// </summary>
internal static class MarketplaceEndpoints
{
    private const string DraftShape =
        "{\"name\", \"cores\", \"memoryMb\", \"storageGb\", \"region\", \"country\", \"pool\", \"backend\", \"monthlyPriceUsd\", \"slaTargetBasisPoints\", \"minDurationSeconds\", \"maxDurationSeconds\", \"stock\"}";

    public static void MapMarketplace(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/providers/me").WithTags("marketplace").RequireDeviceSignature()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        me.MapGet("/profile", GetProfileAsync)
            .WithName("ProviderProfileGet").WithSummary("The signer's provider profile.").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPut("/profile", SetProfileAsync)
            .WithName("ProviderProfileSet").WithSummary("Creates or replaces the signer's provider profile (name, country, a public contact, auto-accept, payout address).")
            .Accepts<Wire.ProviderProfileUpdate>("application/json");
        me.MapGet("/offerings", ListOwnAsync)
            .WithName("ProviderOfferingList").WithSummary("The signer's offerings in every state, newest first.");
        me.MapPost("/offerings", PublishAsync)
            .WithName("ProviderOfferingPublish").WithSummary("Publishes an offering in one of the signer's pools; it is active at once.")
            .Accepts<Wire.OfferingDraft>("application/json").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPut("/offerings/{id}", EditAsync)
            .WithName("ProviderOfferingEdit").WithSummary("Replaces an offering's fields; what running machines are stays fixed while contracts hold it.")
            .Accepts<Wire.OfferingDraft>("application/json").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/offerings/{id}/pause", (HttpContext c, IMediator m, string id) => ChangeAsync(c, m, id, OfferingAction.Pause))
            .WithName("ProviderOfferingPause").WithSummary("Hides an active offering from search and new rentals.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/offerings/{id}/resume", (HttpContext c, IMediator m, string id) => ChangeAsync(c, m, id, OfferingAction.Resume))
            .WithName("ProviderOfferingResume").WithSummary("Lists a paused offering again.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/offerings/{id}/retire", (HttpContext c, IMediator m, string id) => ChangeAsync(c, m, id, OfferingAction.Retire))
            .WithName("ProviderOfferingRetire").WithSummary("Retires an offering for good; running contracts continue.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/v1/offerings", SearchAsync).WithTags("marketplace")
            .WithName("OfferingSearch").WithSummary("Active offerings with free stock: filters, sort (price, -price, newest, trust, reliability), offset pages.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<Results<Ok<Wire.ProviderProfileDetails>, ProblemHttpResult>> GetProfileAsync(HttpContext context, IMediator mediator) =>
        Reply(await mediator.Send(new GetProviderProfile(context.Device()), context.RequestAborted), ToWire);

    private static async Task<Results<Ok<Wire.ProviderProfileDetails>, ProblemHttpResult>> SetProfileAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.ProviderProfileUpdate>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"name\", \"country\", \"description\"?, \"email\"?, \"website\"?, \"telegram\"?, \"autoAccept\"?, \"payoutAccount\"?, \"payoutToken\"?}");
        }

        var fields = new ProviderProfileFields(b.Name, b.Description, b.Country, b.Email, b.Website, b.Telegram, b.AutoAccept, b.PayoutAccount, b.PayoutToken);
        return Reply(await mediator.Send(new SetProviderProfile(context.Device(), fields), context.RequestAborted), ToWire);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.OfferingDetails>>, ProblemHttpResult>> ListOwnAsync(HttpContext context, IMediator mediator) =>
        Reply(await mediator.Send(new ListOwnOfferings(context.Device()), context.RequestAborted),
            list => (IReadOnlyList<Wire.OfferingDetails>)[.. list.Select(ToWire)]);

    private static async Task<Results<Created<Wire.OfferingDetails>, ProblemHttpResult>> PublishAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.OfferingDraft>() is not { } b)
        {
            return ProblemMapping.InvalidJson(DraftShape);
        }

        var result = await mediator.Send(new PublishOffering(context.Device(), FieldsOf(b)), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/providers/me/offerings/{result.Value.Id}", ToWire(result.Value)) : FieldProblem(result);
    }

    private static async Task<Results<Ok<Wire.OfferingDetails>, ProblemHttpResult>> EditAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.OfferingDraft>() is not { } b)
        {
            return ProblemMapping.InvalidJson(DraftShape);
        }

        return Reply(await mediator.Send(new EditOffering(context.Device(), id, FieldsOf(b)), context.RequestAborted), ToWire);
    }

    private static async Task<Results<Ok<Wire.OfferingDetails>, ProblemHttpResult>> ChangeAsync(HttpContext context, IMediator mediator, string id, OfferingAction action) =>
        Reply(await mediator.Send(new ChangeOfferingState(context.Device(), id, action), context.RequestAborted), ToWire);

    private static async Task<Results<Ok<Wire.OfferingSearchPage>, ProblemHttpResult>> SearchAsync(
        HttpContext context, IMediator mediator, int? minCores, int? minMemoryMb, int? minStorageGb, string? country, string? maxPriceUsd,
        string? backend, string? sort, int? offset, int? limit) =>
        Reply(
            await mediator.Send(new SearchOfferings(minCores, minMemoryMb, minStorageGb, country, maxPriceUsd, backend, sort, offset, limit), context.RequestAborted),
            page => new Wire.OfferingSearchPage([.. page.Items.Select(ToListing)], page.NextOffset));

    private static Results<Ok<TWire>, ProblemHttpResult> Reply<T, TWire>(Result<T> result, Func<T, TWire> toWire) =>
        result.IsSuccess ? TypedResults.Ok(toWire(result.Value)) : FieldProblem(result);

    /// <summary>
    /// As <see cref="ProblemMapping.ToProblem"/>, but a form with several bad fields gets them all: the detail joins
    /// their messages (each starts with its field) and <c>errors</c> lists each code, so a client fixes them in one go.
    /// </summary>
    private static ProblemHttpResult FieldProblem(IResultBase result)
    {
        var first = result.FirstDomainError();
        var fields = result.Errors.OfType<DomainError>().Where(e => e.Kind == ErrorKind.Validation).ToList();
        if (first.Kind != ErrorKind.Validation || fields.Count < 2)
        {
            return result.ToProblem();
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            detail: string.Join(" ", fields.Select(e => e.Message)),
            type: $"https://decent-cloud.org/problems/{first.Code}",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = first.Code,
                ["errors"] = fields.Select(e => new Dictionary<string, string> { ["code"] = e.Code, ["detail"] = e.Message }).ToList(),
            });
    }

    private static OfferingFields FieldsOf(Wire.OfferingDraft b) => new(
        b.Name, b.Cores, b.MemoryMb, b.StorageGb, b.Region, b.Country, b.Pool, b.Backend, b.MonthlyPriceUsd, b.SlaTargetBasisPoints,
        b.MinDurationSeconds, b.MaxDurationSeconds, b.Stock);

    private static Wire.ProviderProfileDetails ToWire(ProviderProfile p) => new(
        p.AccountId, p.ProviderId.Value, p.Name, p.Description, p.Country, p.ContactEmail, p.ContactWebsite, p.ContactTelegram,
        p.AutoAccept, p.PayoutAccount, p.PayoutToken, p.CreatedAt, p.UpdatedAt);

    private static Wire.OfferingDetails ToWire(Offering o) => new(
        o.Id, o.State.ToWireName(), o.Name, o.Cores, o.MemoryMb, o.StorageGb, o.Region, o.Country, o.PoolName, o.Backend.ToWireName(),
        o.MonthlyPrice.ToString(), o.SlaTargetBasisPoints, o.MinDurationSeconds, o.MaxDurationSeconds, o.Stock, o.Reserved, o.CreatedAt, o.UpdatedAt);

    private static Wire.OfferingListing ToListing(Offering o) => new(
        o.Id, o.ProviderId.Value, o.Name, o.Cores, o.MemoryMb, o.StorageGb, o.Region, o.Country, o.Backend.ToWireName(),
        o.MonthlyPrice.ToString(), o.SlaTargetBasisPoints, o.MinDurationSeconds, o.MaxDurationSeconds, o.Stock - o.Reserved);
}
