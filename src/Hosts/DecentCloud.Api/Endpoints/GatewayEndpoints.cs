using DecentCloud.Api.Http;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signed agent routes for gateway TLS and DNS (permission <c>dns_manage</c>).</summary>
internal static class GatewayEndpoints
{
    public static void MapGateway(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agents").WithTags("gateway")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/gateway/register", RegisterAsync)
            .WithName("GatewayRegister")
            .WithSummary("Registers the gateway's dc_id and issues acme-dns credentials (rotates them when registered again).")
            .Accepts<RegisterBody>("application/json")
            .Produces<GatewayCredentials>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/gateway/credentials", ListAsync)
            .WithName("GatewayCredentialsList")
            .WithSummary("Lists the provider's acme-dns credentials, without secrets.")
            .Produces<IReadOnlyList<GatewayCredentialSummary>>();
        group.MapDelete("/gateway/credentials/{dcId}", RevokeAsync)
            .WithName("GatewayCredentialsRevoke")
            .WithSummary("Revokes the credentials of one of the provider's gateways.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/dns", PublishAddressAsync)
            .WithName("AgentDns")
            .WithSummary("Creates or deletes the A record {slug}.{dc_id}.{gw_prefix}.{domain} of a VM behind the provider's gateway.")
            .Accepts<DnsBody>("application/json")
            .Produces<PublishedVmAddress>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, IMediator mediator)
    {
        var call = await SignedAgentRequests.AuthenticateAsync(context, AgentPermissions.DnsManage);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var body = StrictJson.TryRead<RegisterBody>(call.Body);
        if (body is null)
        {
            return InvalidJson("{\"dcId\": \"...\"}");
        }

        var result = await mediator.Send(new RegisterGateway(call.Agent!, body.DcId, ClientAddress.Of(context)), context.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> ListAsync(HttpContext context, IMediator mediator)
    {
        var call = await SignedAgentRequests.AuthenticateAsync(context, AgentPermissions.DnsManage);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var result = await mediator.Send(new ListGatewayCredentials(call.Agent!.ProviderId), context.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : result.ToProblem();
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, IMediator mediator, string dcId)
    {
        var call = await SignedAgentRequests.AuthenticateAsync(context, AgentPermissions.DnsManage);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var result = await mediator.Send(new RevokeGatewayCredentials(call.Agent!.ProviderId, dcId, call.Agent.AgentKey.Hex), context.RequestAborted);
        return result.IsSuccess ? Results.NoContent() : result.ToProblem();
    }

    private static async Task<IResult> PublishAddressAsync(HttpContext context, IMediator mediator)
    {
        var call = await SignedAgentRequests.AuthenticateAsync(context, AgentPermissions.DnsManage);
        if (call.Refusal is not null)
        {
            return call.Refusal;
        }

        var body = StrictJson.TryRead<DnsBody>(call.Body);
        VmAddressAction? action = body?.Action switch
        {
            "create" => VmAddressAction.Create,
            "delete" => VmAddressAction.Delete,
            _ => null,
        };
        if (body is null || action is null)
        {
            return InvalidJson("{\"action\": \"create\"|\"delete\", \"dcId\": ..., \"slug\": ..., \"ipv4\": ...}");
        }

        var result = await mediator.Send(new PublishVmAddress(call.Agent!, action.Value, body.DcId, body.Slug, body.Ipv4), context.RequestAborted);
        return result.IsSuccess ? Results.Ok(result.Value) : result.ToProblem();
    }

    private static IResult InvalidJson(string shape) =>
        ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", $"The body must be {shape} with no other fields.");

    /// <summary>The registration request.</summary>
    internal sealed record RegisterBody(string? DcId);

    /// <summary>The VM DNS request.</summary>
    internal sealed record DnsBody(string? Action, string? DcId, string? Slug, string? Ipv4);
}
