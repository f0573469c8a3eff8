using DecentCloud.Api.Http;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The user's contract routes (signed by a device key) and the health path both sides use:
/// agents POST reports to <c>/api/v1/contracts/{id}/health</c>, users GET them from the same path.
/// </summary>
internal static class ContractEndpoints
{
    public static void MapContracts(this IEndpointRouteBuilder app)
    {
        var contracts = app.MapGroup("/api/v1/contracts").WithTags("contracts")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        var users = contracts.MapGroup("").RequireDeviceSignature();
        users.MapPost("/", RequestAsync)
            .WithName("ContractRequest").WithSummary("Requests a machine from a provider's pool; the contract starts as requested.")
            .Accepts<Wire.ContractRequest>("application/json").ProducesProblem(StatusCodes.Status429TooManyRequests);
        users.MapGet("/{id}", GetAsync)
            .WithName("ContractGet").WithSummary("The contract: state, machine, encrypted credentials, password reset outcome, history.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id}/cancel", CancelAsync)
            .WithName("ContractCancel").WithSummary("Cancels the contract; its machine is then removed by the agent.")
            .Accepts<Wire.ContractCancellation>("application/json").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id}/reset-password", ResetPasswordAsync)
            .WithName("ContractResetPassword").WithSummary("Asks the provider's agent for a new VM password (idempotent); the outcome appears on the contract.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        users.MapGet("/{id}/health", ListHealthAsync)
            .WithName("ContractHealthList").WithSummary("The latest health checks of the contract's machine (user).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var agents = contracts.MapGroup("").RequireAgentPermission(AgentPermissions.HealthCheck);
        agents.MapPost("/{id}/health", ReportHealthAsync)
            .WithName("ContractHealthReport").WithSummary("An agent's health check of the machine (health_check); the first healthy one activates a provisioned contract.")
            .Accepts<Wire.HealthReport>("application/json").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<Wire.ContractDetails>, ProblemHttpResult>> RequestAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.ContractRequest>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"providerId\", \"pool\", \"offeringId\", \"cores\", \"memoryMb\", \"storageGb\", \"sshPublicKey\", \"durationSeconds\", \"priceE8s\", \"instanceConfig\"?, \"postProvisionScript\"?}");
        }

        var result = await mediator.Send(new RequestContract(context.Device(), b.ProviderId, b.Pool, b.OfferingId, b.Cores, b.MemoryMb, b.StorageGb,
            b.SshPublicKey, b.InstanceConfig, b.PostProvisionScript, b.DurationSeconds, b.PriceE8s) { ClientAddress = ClientAddress.Of(context) }, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/contracts/{result.Value.ContractId}", result.Value.ToWire()) : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.ContractDetails>, ProblemHttpResult>> GetAsync(HttpContext context, IMediator mediator, string id) =>
        TypedReplies.Ok(await mediator.Send(new GetAccountContract(context.Device(), id), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<Ok<Wire.ContractDetails>, ProblemHttpResult>> CancelAsync(HttpContext context, IMediator mediator, string id)
    {
        var cancellation = context.HasNoBody() ? null : context.Body<Wire.ContractCancellation>();
        if (!context.HasNoBody() && cancellation is null)
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", "The body must be empty or {\"reason\": ...}.");
        }

        return TypedReplies.Ok(await mediator.Send(new CancelContract(context.Device(), id, cancellation?.Reason), context.RequestAborted), WireMapping.ToWire);
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ResetPasswordAsync(HttpContext context, IMediator mediator, string id)
    {
        var result = await mediator.Send(new RequestPasswordReset(context.Device(), id), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Accepted($"/api/v1/contracts/{id}") : result.ToProblem();
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.HealthReport>>, ProblemHttpResult>> ListHealthAsync(HttpContext context, IMediator mediator, string id) =>
        TypedReplies.Ok(await mediator.Send(new ListHealthReports(context.Device(), id), context.RequestAborted), WireMapping.ToWire);

    private static async Task<Results<NoContent, ProblemHttpResult>> ReportHealthAsync(HttpContext context, IMediator mediator, string id)
    {
        if (context.Body<Wire.HealthReport>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"checkedAt\", \"status\": \"healthy\"|\"unhealthy\"|\"unknown\", \"latencyMs\"?, \"details\"?}");
        }

        return TypedReplies.NoContent(await mediator.Send(new RecordHealthReport(context.Agent(), id, b.CheckedAt, b.Status, b.LatencyMs, b.Details), context.RequestAborted));
    }
}
