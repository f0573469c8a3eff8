using System.Text.Json;
using DecentCloud.Api.Http;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Contracts;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signed routes dc-agent uses to provision, report and reconcile (see provisioning-agent.md).</summary>
internal static class AgentProtocolEndpoints
{
    public static void MapAgentProtocol(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/providers/{pk}").WithTags("agent protocol");
        Common(providers.MapGet("/contracts/pending-provision", PendingProvisionAsync))
            .WithName("PendingProvision").WithSummary("Paid, accepted contracts of the agent's pool that are not leased to another agent, oldest first (fetch_contracts).")
            .Produces<IReadOnlyList<PendingContract>>();
        Common(providers.MapPost("/contracts/{id}/lock", LockAsync))
            .WithName("ProvisioningLock").WithSummary("Takes or renews the provisioning lease of a contract (provision).")
            .Produces<LeaseReply>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Common(providers.MapDelete("/contracts/{id}/lock", UnlockAsync))
            .WithName("ProvisioningUnlock").WithSummary("Gives the provisioning lease back (provision).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        Common(providers.MapPost("/heartbeat", HeartbeatAsync))
            .WithName("AgentHeartbeat").WithSummary("Version, provisioner types, active contracts, resources and bandwidth; the reply gives the next interval (heartbeat).")
            .Accepts<HeartbeatBody>("application/json").Produces<HeartbeatReply>().ProducesProblem(StatusCodes.Status400BadRequest);
        Common(providers.MapPost("/reconcile", ReconcileAsync))
            .WithName("Reconcile").WithSummary("Running instances in; keep/terminate/pause/resume/unknown out (fetch_contracts).")
            .Accepts<ReconcileBody>("application/json").Produces<ReconcileReply>().ProducesProblem(StatusCodes.Status400BadRequest);
        Common(providers.MapPut("/contracts/{id}/terminated", TerminatedAsync))
            .WithName("InstanceTerminated").WithSummary("The contract's machine is gone (provision).")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        Common(providers.MapGet("/contracts/pending-password-reset", PendingResetsAsync))
            .WithName("PendingPasswordReset").WithSummary("Contracts whose user asked for a new password (provision).")
            .Produces<IReadOnlyList<PendingPasswordReset>>();

        var rentals = app.MapGroup("/api/v1/provider/rental-requests/{id}").WithTags("agent protocol");
        Common(rentals.MapPut("/provisioning", ProvisioningAsync))
            .WithName("ProvisioningStatus").WithSummary("provisioning | provisioned (+ instance, v3 credential envelope; never a plaintext secret) | provisioning_failed (+ reason) (provision).")
            .Accepts<ProvisioningBody>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        Common(rentals.MapPut("/password", PasswordAsync))
            .WithName("PasswordResetOutcome").WithSummary("succeeded (+ new v3 envelope) | failed (+ reason) for a requested password reset (provision).")
            .Accepts<PasswordBody>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static RouteHandlerBuilder Common(RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static Task<IResult> PendingProvisionAsync(HttpContext context, IMediator mediator, string pk) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.FetchContracts, async (agent, _) =>
            SignedRoutes.Ok(await mediator.Send(new ListPendingProvision(agent, pk), context.RequestAborted)));

    private static Task<IResult> LockAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, async (agent, _) =>
        {
            var result = await mediator.Send(new AcquireProvisioningLease(agent, pk, id), context.RequestAborted);
            return result.IsSuccess ? Results.Ok(LeaseReply.Of(result.Value)) : result.ToProblem();
        });

    private static Task<IResult> UnlockAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, async (agent, _) =>
            SignedRoutes.NoContent(await mediator.Send(new ReleaseProvisioningLease(agent, pk, id), context.RequestAborted)));

    private static Task<IResult> HeartbeatAsync(HttpContext context, IMediator mediator, string pk) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Heartbeat, (agent, body) =>
            SignedRoutes.WithJsonAsync<HeartbeatBody>(body, "{\"version\", \"provisionerTypes\": [...], \"activeContracts\", \"resources\"?, \"bandwidth\"?}", async b =>
                SignedRoutes.Ok(await mediator.Send(
                    new RecordHeartbeat(agent, pk, b.Version, b.ProvisionerTypes, b.ActiveContracts, Raw(b.Resources), Raw(b.Bandwidth)), context.RequestAborted))));

    private static Task<IResult> ReconcileAsync(HttpContext context, IMediator mediator, string pk) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.FetchContracts, (agent, body) =>
            SignedRoutes.WithJsonAsync<ReconcileBody>(body, "{\"instances\": [{\"externalId\", \"contractId\"?, \"running\"}]}", async b =>
                SignedRoutes.Ok(await mediator.Send(new ReconcileInstances(agent, pk, b.Instances), context.RequestAborted))));

    private static Task<IResult> TerminatedAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, async (agent, _) =>
            SignedRoutes.NoContent(await mediator.Send(new MarkInstanceTerminated(agent, pk, id), context.RequestAborted)));

    private static Task<IResult> PendingResetsAsync(HttpContext context, IMediator mediator, string pk) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, async (agent, _) =>
            SignedRoutes.Ok(await mediator.Send(new ListPendingPasswordResets(agent, pk), context.RequestAborted)));

    private static Task<IResult> ProvisioningAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, (agent, body) =>
            SignedRoutes.WithJsonAsync<ProvisioningBody>(body, "{\"status\", \"externalId\"?, \"instance\"?, \"loginUser\"?, \"credentials\"?, \"reason\"?}", async b =>
            {
                var instance = b.Instance is null ? null : JsonSerializer.Serialize(b.Instance, StrictJson.Options);
                var command = new ReportProvisioningStatus(agent, id, b.Status, b.ExternalId, instance, b.LoginUser, Raw(b.Credentials), b.Reason);
                return SignedRoutes.NoContent(await mediator.Send(command, context.RequestAborted));
            }));

    private static Task<IResult> PasswordAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.Provision, (agent, body) =>
            SignedRoutes.WithJsonAsync<PasswordBody>(body, "{\"status\": \"succeeded\"|\"failed\", \"credentials\"?, \"reason\"?}", async b =>
                SignedRoutes.NoContent(await mediator.Send(new ReportPasswordReset(agent, id, b.Status, Raw(b.Credentials), b.Reason), context.RequestAborted))));

    private static string? Raw(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? e.GetRawText() : null;

    /// <summary>The lease answer: whether the caller holds it, and until when (unix nanoseconds).</summary>
    internal sealed record LeaseReply(bool Acquired, long ExpiresAtNs)
    {
        public static LeaseReply Of(LeaseOutcome outcome) => new(outcome.Acquired, outcome.ExpiresAt.ToUnixTimeMilliseconds() * 1_000_000);
    }

    /// <summary>A heartbeat.</summary>
    internal sealed record HeartbeatBody(string? Version, IReadOnlyList<string>? ProvisionerTypes, int ActiveContracts, JsonElement? Resources, JsonElement? Bandwidth);

    /// <summary>A reconcile request.</summary>
    internal sealed record ReconcileBody(IReadOnlyList<RunningInstance>? Instances);

    /// <summary>A provisioning report.</summary>
    internal sealed record ProvisioningBody(string? Status, string? ExternalId, InstanceBody? Instance, string? LoginUser, JsonElement? Credentials, string? Reason);

    /// <summary>The machine's public details; there is deliberately no field a password could travel in.</summary>
    internal sealed record InstanceBody(
        string? Ipv4, string? Ipv6, string? PublicIp, int? SshPort, string? GatewaySlug, string? GatewaySubdomain,
        int? GatewayPortStart, int? GatewayPortEnd, IReadOnlyDictionary<string, string>? Details);

    /// <summary>A password reset outcome.</summary>
    internal sealed record PasswordBody(string? Status, JsonElement? Credentials, string? Reason);
}
