using DecentCloud.Api.Http;
using DecentCloud.Application.Agents;
using DecentCloud.Application.ProviderSelfService;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The provider's self-service, signed by one of its account's device keys: its pools, setup tokens, agent delegations
/// and its answer to contract requests. Each needs a provider profile (409 <c>provider_profile_required</c>); another
/// provider's pool, token, agent or contract is 404.
/// </summary>
internal static class ProviderEndpoints
{
    public static void MapProviderSelfService(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/providers/me").WithTags("provider").RequireDeviceSignature()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapPost("/pools", CreatePoolAsync)
            .WithName("ProviderPoolCreate").WithSummary("Creates a pool of the signer's; pool names are unique on the platform.")
            .Accepts<Wire.PoolCreation>("application/json");
        me.MapGet("/pools", ListPoolsAsync).WithName("ProviderPoolList").WithSummary("The signer's pools, oldest first.");
        me.MapPost("/setup-tokens", CreateSetupTokenAsync)
            .WithName("ProviderSetupTokenCreate").WithSummary("Issues a one-time setup token for one of the signer's pools; the secret is in this answer only.")
            .Accepts<Wire.SetupTokenRequest>("application/json").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/setup-tokens", ListSetupTokensAsync)
            .WithName("ProviderSetupTokenList").WithSummary("The setup tokens of the signer's pools, newest first, without secrets.");
        me.MapDelete("/setup-tokens/{id}", RevokeSetupTokenAsync)
            .WithName("ProviderSetupTokenRevoke").WithSummary("Revokes an unused setup token of the signer's.").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/agents", ListAgentsAsync)
            .WithName("ProviderAgentList").WithSummary("The signer's agent delegations, revoked ones included.");
        me.MapPut("/agents/{key}/label", LabelAgentAsync)
            .WithName("ProviderAgentLabel").WithSummary("Labels one of the signer's agents; an empty label removes it.")
            .Accepts<Wire.AgentLabel>("application/json").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/agents/{key}/revoke", RevokeAgentAsync)
            .WithName("ProviderAgentRevoke").WithSummary("Revokes one of the signer's agents.").ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/earnings", EarningsAsync)
            .WithName("ProviderEarnings").WithSummary("The signer's earnings: pending, released, paid and fee totals, and a page of its rentals, newest first.");
        me.MapGet("/contracts", ListContractsAsync)
            .WithName("ProviderContractList").WithSummary("The signer's contracts as provider, newest first: state filter, offset pages, response times.");
        me.MapPost("/contracts/{id}/accept", (HttpContext c, IMediator m, string id) => DecideAsync(c, m, id, accept: true, reason: null))
            .WithName("ProviderContractAccept").WithSummary("Accepts a requested or pending contract of the signer's; the response time is recorded.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapPost("/contracts/{id}/reject", RejectAsync)
            .WithName("ProviderContractReject").WithSummary("Rejects a requested or pending contract of the signer's with a reason; the response time is recorded.")
            .Accepts<Wire.ContractRejection>("application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<Wire.PoolDetails>, ProblemHttpResult>> CreatePoolAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.PoolCreation>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"name\"}");
        }

        var result = await mediator.Send(new CreateOwnPool(context.Device(), b.Name), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/providers/me/pools/{result.Value.Name}", ToWire(result.Value)) : result.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.PoolDetails>>, ProblemHttpResult>> ListPoolsAsync(HttpContext context, IMediator mediator) =>
        Reply(await mediator.Send(new ListOwnPools(context.Device()), context.RequestAborted), list => (IReadOnlyList<Wire.PoolDetails>)[.. list.Select(ToWire)]);

    private static async Task<Results<Created<Wire.SetupTokenCreated>, ProblemHttpResult>> CreateSetupTokenAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.SetupTokenRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"pool\", \"permissions\"?, \"lifetimeSeconds\"?}");
        }

        // Seconds beyond what a TimeSpan holds are refused by the use case's 30-day bound, so clamp rather than overflow.
        TimeSpan? lifetime = b.LifetimeSeconds is { } s ? TimeSpan.FromSeconds(Math.Clamp(s, -1, (long)TimeSpan.FromDays(31).TotalSeconds)) : null;
        var result = await mediator.Send(new CreateOwnSetupToken(context.Device(), b.Pool, b.Permissions, lifetime), context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/providers/me/setup-tokens/{result.Value.Id}",
                new Wire.SetupTokenCreated(result.Value.Id, result.Value.Token, result.Value.Pool, result.Value.Permissions, result.Value.ExpiresAt))
            : result.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.SetupTokenDetails>>, ProblemHttpResult>> ListSetupTokensAsync(HttpContext context, IMediator mediator) =>
        Reply(await mediator.Send(new ListOwnSetupTokens(context.Device()), context.RequestAborted),
            list => (IReadOnlyList<Wire.SetupTokenDetails>)[.. list.Select(t => new Wire.SetupTokenDetails(
                t.Id, t.Pool, t.Permissions, t.CreatedAt, t.ExpiresAt, t.ConsumedAt, t.ConsumedBy))]);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeSetupTokenAsync(HttpContext context, IMediator mediator, string id) =>
        NoContentOr(await mediator.Send(new RevokeOwnSetupToken(context.Device(), id), context.RequestAborted));

    private static async Task<Results<Ok<IReadOnlyList<Wire.AgentDelegationDetails>>, ProblemHttpResult>> ListAgentsAsync(HttpContext context, IMediator mediator) =>
        Reply(await mediator.Send(new ListOwnDelegations(context.Device()), context.RequestAborted),
            list => (IReadOnlyList<Wire.AgentDelegationDetails>)[.. list.Select(ToWire)]);

    private static async Task<Results<NoContent, ProblemHttpResult>> LabelAgentAsync(HttpContext context, IMediator mediator, string key)
    {
        if (context.Body<Wire.AgentLabel>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"label\"}");
        }

        return NoContentOr(await mediator.Send(new LabelOwnDelegation(context.Device(), key, b.Label), context.RequestAborted));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAgentAsync(HttpContext context, IMediator mediator, string key) =>
        NoContentOr(await mediator.Send(new RevokeOwnDelegation(context.Device(), key), context.RequestAborted));

    private static async Task<Results<Ok<Wire.ProviderContractPage>, ProblemHttpResult>> ListContractsAsync(
        HttpContext context, IMediator mediator, string? state, int? offset, int? limit) =>
        Reply(await mediator.Send(new ListOwnContracts(context.Device(), state, offset, limit), context.RequestAborted),
            page => new Wire.ProviderContractPage([.. page.Items.Select(ToWire)], page.NextOffset));

    private static async Task<Results<Ok<Wire.ProviderEarnings>, ProblemHttpResult>> EarningsAsync(HttpContext context, IMediator mediator, int? offset, int? limit) =>
        Reply(await mediator.Send(new DecentCloud.Application.Earnings.ProviderEarnings(context.Device(), offset, limit), context.RequestAborted),
            e => new Wire.ProviderEarnings(e.Totals.PendingE9s, e.Totals.ReleasedE9s, e.Totals.PaidE9s, e.Totals.FeesE9s,
                [.. e.Contracts.Select(c => new Wire.ContractEarnings(
                    c.ContractId, c.State, c.PaidE9s, c.ReleasedE9s, c.FeesE9s, c.RefundedE9s, c.PaidOutE9s, c.InEscrowE9s))],
                e.NextOffset));

    private static async Task<Results<Ok<Wire.ProviderContractDetails>, ProblemHttpResult>> RejectAsync(HttpContext context, IMediator mediator, string id)
    {
        // The reason is optional, so an empty body is a rejection without one.
        string? reason = null;
        if (!context.HasNoBody())
        {
            if (context.Body<Wire.ContractRejection>() is not { } b)
            {
                return ProblemMapping.InvalidJson("{\"reason\"?}");
            }

            reason = b.Reason;
        }

        return await DecideAsync(context, mediator, id, accept: false, reason);
    }

    private static async Task<Results<Ok<Wire.ProviderContractDetails>, ProblemHttpResult>> DecideAsync(
        HttpContext context, IMediator mediator, string id, bool accept, string? reason) =>
        Reply(await mediator.Send(new DecideOwnContract(context.Device(), id, accept, reason), context.RequestAborted), ToWire);

    private static Results<Ok<TWire>, ProblemHttpResult> Reply<T, TWire>(Result<T> result, Func<T, TWire> toWire) =>
        result.IsSuccess ? TypedResults.Ok(toWire(result.Value)) : result.ToProblem();

    private static Results<NoContent, ProblemHttpResult> NoContentOr(Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.ToProblem();

    private static Wire.PoolDetails ToWire(ProviderPoolView p) => new(p.Id, p.Name, p.CreatedAt);

    private static Wire.AgentDelegationDetails ToWire(AgentDelegationView d) =>
        new(d.AgentPubkey, d.PoolId, d.Label, d.Permissions, d.CreatedAt, d.ExpiresAt, d.RevokedAt);

    private static Wire.ProviderContractDetails ToWire(ProviderContractView c) => new(
        c.ContractId, c.State, c.Pool, c.OfferingId, c.RequesterAccountId, c.Paid, c.CreatedAt, c.StateSince, c.RespondedAt, c.ResponseTimeSeconds);
}
