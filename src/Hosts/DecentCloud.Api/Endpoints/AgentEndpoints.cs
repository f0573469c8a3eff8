using DecentCloud.Api.Http;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary><c>POST /api/v1/agents/setup</c>: an agent key joins a pool with a one-time token.</summary>
internal static class AgentEndpoints
{
    public static void MapAgentSetup(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agents/setup", SetupAsync)
            .WithName("AgentSetup")
            .WithTags("agents")
            .WithSummary("Consumes a pool setup token and delegates the agent key to the pool's provider.")
            .Accepts<SetupBody>("application/json")
            .Produces<SetupReply>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> SetupAsync(HttpContext context, IMediator mediator, AuthFailureLimiter limiter, GatewayZoneProvider zones)
    {
        var client = ClientAddress.Of(context);
        if (limiter.RetryAfter(client) is { } wait)
        {
            return ProblemMapping.TooManyRequests(context, wait);
        }

        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, SignedAgentRequests.MaxBodyBytes, requireContentType: true, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return SignedAgentRequests.Refused(refusal);
        }

        var request = StrictJson.TryRead<SetupBody>(body);
        if (request is null)
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", "The body must be {\"token\": ..., \"agentPubkey\": ...}.");
        }

        var result = await mediator.Send(new SetupAgent(request.Token, request.AgentPubkey, client), context.RequestAborted);
        if (result.IsFailed)
        {
            if (result.FirstDomainError().Kind == ErrorKind.Unauthorized)
            {
                limiter.RecordFailure(client);
            }

            return result.ToProblem();
        }

        var setup = result.Value;
        return Results.Ok(new SetupReply(
            setup.AgentKey.Hex, setup.ProviderId.Value, setup.PoolId, setup.PoolName, setup.Permissions.ToNames(), setup.ExpiresAt,
            zones.Zone.Prefix.Value, zones.Zone.Domain.Value));
    }

    /// <summary>The setup request.</summary>
    internal sealed record SetupBody(string? Token, string? AgentPubkey);

    /// <summary>The delegation the agent now holds.</summary>
    internal sealed record SetupReply(
        string AgentPubkey, string ProviderId, Guid PoolId, string PoolName, IReadOnlyList<string> Permissions, DateTimeOffset? ExpiresAt,
        string GwPrefix, string Domain);
}
