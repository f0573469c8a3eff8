using DecentCloud.Api.Http;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary><c>POST /api/v1/agents/setup</c>: an agent key joins a pool with a one-time token.</summary>
internal static class AgentEndpoints
{
    public static void MapAgentSetup(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/agents/setup", SetupAsync)
            .WithName("AgentSetup")
            .WithTags("agents")
            .WithSummary("Consumes a pool setup token and delegates the agent key to the pool's provider; the request is signed by the agent key.")
            .Accepts<Wire.AgentSetupRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<Results<Ok<Wire.AgentSetupReply>, ProblemHttpResult>> SetupAsync(
        HttpContext context, IMediator mediator, AuthFailureLimiter limiter, GatewayZoneProvider zones)
    {
        // Checked before any refusal, so a valid setup is never throttled by what others sent from the same address.
        var client = ClientAddress.Of(context);
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, SignedRequestFilter.MaxBodyBytes, requireContentType: true, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return ProblemMapping.Refused(refusal, SignedRequestFilter.MaxBodyBytes);
        }

        if (StrictJson.TryRead<Wire.AgentSetupRequest>(body) is not { } request)
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", "The body must be {\"token\", \"agentPubkey\", \"timestamp\", \"signature\"}.");
        }

        var setup = new SetupAgent(request.Token, request.AgentPubkey, client) { Timestamp = request.Timestamp, Signature = request.Signature };
        var result = await mediator.Send(setup, context.RequestAborted);
        if (result.IsFailed)
        {
            if (result.FirstDomainError().Kind == ErrorKind.Unauthorized
                && limiter.RecordFailure(client, "agent-setup:" + request.AgentPubkey) is { } wait)
            {
                return ProblemMapping.TooManyRequests(context, wait);
            }

            return result.ToProblem();
        }

        var granted = result.Value;
        return TypedResults.Ok(new Wire.AgentSetupReply(
            granted.AgentKey.Hex, granted.ProviderId.Value, granted.PoolId, granted.PoolName, granted.Permissions.ToNames(), granted.ExpiresAt,
            zones.Zone.Prefix.Value, zones.Zone.Domain.Value));
    }
}
