using DecentCloud.Api.Http;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Domain.Agents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>The signed routes dc-agent uses to provision, report and reconcile (see provisioning-agent.md).</summary>
internal static class AgentProtocolEndpoints
{
    public static void MapAgentProtocol(this IEndpointRouteBuilder app)
    {
        var providers = app.MapGroup("/api/v1/providers/{pk}").WithTags("agent protocol");
        var fetch = providers.MapGroup("").RequireAgentPermission(AgentPermissions.FetchContracts);
        var provision = providers.MapGroup("").RequireAgentPermission(AgentPermissions.Provision);
        var heartbeat = providers.MapGroup("").RequireAgentPermission(AgentPermissions.Heartbeat);
        fetch.MapGet("/contracts/pending-provision", PendingProvisionAsync)
            .WithName("PendingProvision").WithSummary("Paid, accepted contracts of the agent's pool that are not leased to another agent, oldest first (fetch_contracts).");
        provision.MapPost("/contracts/{id}/lock", LockAsync)
            .WithName("ProvisioningLock").WithSummary("Takes or renews the provisioning lease of a contract (provision).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        provision.MapDelete("/contracts/{id}/lock", UnlockAsync)
            .WithName("ProvisioningUnlock").WithSummary("Gives the provisioning lease back (provision).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        heartbeat.MapPost("/heartbeat", HeartbeatAsync)
            .WithName("AgentHeartbeat").WithSummary("Version, provisioner types, active contracts, resources and bandwidth; the reply gives the next interval (heartbeat).")
            .Accepts<Wire.HeartbeatRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        fetch.MapPost("/reconcile", ReconcileAsync)
            .WithName("Reconcile").WithSummary("Running instances in; keep/terminate/pause/resume/unknown out (fetch_contracts).")
            .Accepts<Wire.ReconcileRequest>("application/json").ProducesProblem(StatusCodes.Status400BadRequest);
        provision.MapPut("/contracts/{id}/terminated", TerminatedAsync)
            .WithName("InstanceTerminated").WithSummary("The contract's machine is gone (provision).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        provision.MapGet("/contracts/pending-password-reset", PendingResetsAsync)
            .WithName("PendingPasswordReset").WithSummary("Contracts whose user asked for a new password (provision).");

        var rentals = app.MapGroup("/api/v1/provider/rental-requests/{id}").WithTags("agent protocol").RequireAgentPermission(AgentPermissions.Provision);
        rentals.MapPut("/provisioning", ProvisioningAsync)
            .WithName("ProvisioningStatus").WithSummary("provisioning | provisioned (+ instance, v3 credential envelope; never a plaintext secret) | provisioning_failed (+ reason) (provision).")
            .Accepts<Wire.ProvisioningReport>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        rentals.MapPut("/password", PasswordAsync)
            .WithName("PasswordResetOutcome").WithSummary("succeeded (+ new v3 envelope) | failed (+ reason) for a requested password reset (provision).")
            .Accepts<Wire.PasswordResetReport>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.PendingContract>>, ProblemHttpResult>> PendingProvisionAsync(HttpContext context, IMediator mediator, string pk) =>
        TypedReplies.Ok(await mediator.Send(new ListPendingProvision(context.Agent(), pk), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<Ok<Wire.LeaseReply>, ProblemHttpResult>> LockAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        TypedReplies.Ok(await mediator.Send(new AcquireProvisioningLease(context.Agent(), pk, id), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        TypedReplies.NoContent(await mediator.Send(new ReleaseProvisioningLease(context.Agent(), pk, id), context.RequestAborted));

    private static async Task<Results<Ok<Wire.HeartbeatReply>, ProblemHttpResult>> HeartbeatAsync(HttpContext context, IMediator mediator, string pk)
    {
        if (context.Body<Wire.HeartbeatRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"version\", \"provisionerTypes\": [...], \"activeContracts\", \"resources\"?, \"bandwidth\"?}");
        }

        var command = new RecordHeartbeat(context.Agent(), pk, b.Version, b.ProvisionerTypes, b.ActiveContracts, Raw(b.Resources), Raw(b.Bandwidth));
        return TypedReplies.Ok(await mediator.Send(command, context.RequestAborted), WireMapping.ToWire);
    }

    private static async Task<Results<Ok<Wire.ReconcileReply>, ProblemHttpResult>> ReconcileAsync(HttpContext context, IMediator mediator, string pk)
    {
        if (context.Body<Wire.ReconcileRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"instances\": [{\"externalId\", \"contractId\"?, \"running\"}]}");
        }

        return TypedReplies.Ok(await mediator.Send(new ReconcileInstances(context.Agent(), pk, b.Instances.FromWire()), context.RequestAborted), WireMapping.ToWire);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> TerminatedAsync(HttpContext context, IMediator mediator, string pk, string id) =>
        TypedReplies.NoContent(await mediator.Send(new MarkInstanceTerminated(context.Agent(), pk, id), context.RequestAborted));

    private static async Task<Results<Ok<IReadOnlyList<Wire.PendingPasswordReset>>, ProblemHttpResult>> PendingResetsAsync(HttpContext context, IMediator mediator, string pk) =>
        TypedReplies.Ok(await mediator.Send(new ListPendingPasswordResets(context.Agent(), pk), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<NoContent, ProblemHttpResult>> ProvisioningAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.ProvisioningReport>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"status\", \"externalId\"?, \"instance\"?, \"loginUser\"?, \"credentials\"?, \"reason\"?}");
        }

        var command = new ReportProvisioningStatus(context.Agent(), id, b.Status, b.ExternalId, Text(b.Instance), b.LoginUser, Text(b.Credentials), b.Reason);
        return TypedReplies.NoContent(await mediator.Send(command, context.RequestAborted));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> PasswordAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.PasswordResetReport>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"status\": \"succeeded\"|\"failed\", \"credentials\"?, \"reason\"?}");
        }

        return TypedReplies.NoContent(await mediator.Send(new ReportPasswordReset(context.Agent(), id, b.Status, Text(b.Credentials), b.Reason), context.RequestAborted));
    }

    /// <summary>A bound record back to the JSON text the use cases store (the instance details, a credential envelope).</summary>
    private static string? Text<T>(T? value)
        where T : class =>
        value is null ? null : JsonSerializer.Serialize(value, StrictJson.Options);

    private static string? Raw(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } e ? e.GetRawText() : null;
}
