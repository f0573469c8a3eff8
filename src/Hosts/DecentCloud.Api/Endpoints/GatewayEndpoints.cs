using DecentCloud.Api.Http;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Agents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signed agent routes for gateway TLS and DNS (permission <c>dns_manage</c>).</summary>
internal static class GatewayEndpoints
{
    public static void MapGateway(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agents").WithTags("gateway").RequireAgentPermission(AgentPermissions.DnsManage);
        group.MapPost("/gateway/register", RegisterAsync)
            .WithName("GatewayRegister")
            .WithSummary("Registers the gateway's dc_id and issues acme-dns credentials (rotates them when registered again).")
            .Accepts<Wire.GatewayRegistration>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/gateway/credentials", ListAsync)
            .WithName("GatewayCredentialsList")
            .WithSummary("Lists the provider's acme-dns credentials, without secrets.");
        group.MapDelete("/gateway/credentials/{dcId}", RevokeAsync)
            .WithName("GatewayCredentialsRevoke")
            .WithSummary("Revokes the credentials of one of the provider's gateways.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/dns", PublishAddressAsync)
            .WithName("AgentDns")
            .WithSummary("Creates or deletes the A record {slug}.{dc_id}.{gw_prefix}.{domain} of a live contract's VM behind the provider's gateway.")
            .Accepts<Wire.VmDnsRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status502BadGateway);
        group.MapGet("/dns", ListAddressesAsync)
            .WithName("AgentDnsList")
            .WithSummary("The VM names of one of the provider's gateways (?dcId=), by slug, at most 10,000, each with whether its contract is live.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<Results<Ok<Wire.GatewayCredentials>, ProblemHttpResult>> RegisterAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.GatewayRegistration>() is not { } body)
        {
            return ProblemMapping.InvalidJson("{\"dcId\": \"...\"}");
        }

        var result = await mediator.Send(new RegisterGateway(context.Agent(), body.DcId, ClientAddress.Of(context)), context.RequestAborted);
        return TypedReplies.Ok(result, WireMapping.ToWire);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.GatewayCredentialSummary>>, ProblemHttpResult>> ListAsync(HttpContext context, IMediator mediator) =>
        TypedReplies.Ok(await mediator.Send(new ListGatewayCredentials(context.Agent().ProviderId), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(HttpContext context, IMediator mediator, string dcId)
    {
        var agent = context.Agent();
        return TypedReplies.NoContent(await mediator.Send(new RevokeGatewayCredentials(agent.ProviderId, dcId, agent.AgentKey.Hex), context.RequestAborted));
    }

    private static async Task<Results<Ok<Wire.PublishedVmAddress>, ProblemHttpResult>> PublishAddressAsync(HttpContext context, IMediator mediator)
    {
        var body = context.Body<Wire.VmDnsRequest>();
        VmAddressAction? action = body?.Action switch
        {
            Wire.VmDnsActions.Create => VmAddressAction.Create,
            Wire.VmDnsActions.Delete => VmAddressAction.Delete,
            _ => null,
        };
        if (body is null || action is null)
        {
            return ProblemMapping.InvalidJson("{\"action\": \"create\"|\"delete\", \"dcId\": ..., \"slug\": ..., \"ipv4\": ..., \"contractId\": ...}");
        }

        var result = await mediator.Send(new PublishVmAddress(context.Agent(), action.Value, body.DcId, body.Slug, body.Ipv4, body.ContractId), context.RequestAborted);
        return TypedReplies.Ok(result, WireMapping.ToWire);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.VmNameRecord>>, ProblemHttpResult>> ListAddressesAsync(HttpContext context, IMediator mediator, string? dcId) =>
        TypedReplies.Ok(await mediator.Send(new ListVmNames(context.Agent(), dcId), context.RequestAborted), WireMapping.ToWire);
}
