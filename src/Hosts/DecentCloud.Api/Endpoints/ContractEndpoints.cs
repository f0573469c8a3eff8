using DecentCloud.Api.Http;
using DecentCloud.Application.AgentProtocol;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Agents;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The user's contract routes (signed by a device key) and the health path both sides use:
/// agents POST reports to <c>/api/v1/contracts/{id}/health</c>, users GET them from the same path.
/// </summary>
internal static class ContractEndpoints
{
    public static void MapContracts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contracts").WithTags("contracts")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", RequestAsync)
            .WithName("ContractRequest").WithSummary("Requests a machine from a provider's pool; the contract starts as requested.")
            .Accepts<ContractBody>("application/json").Produces<ContractView>(StatusCodes.Status201Created);
        group.MapGet("/{id}", GetAsync)
            .WithName("ContractGet").WithSummary("The contract: state, machine, encrypted credentials, password reset outcome, history.")
            .Produces<ContractView>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/cancel", CancelAsync)
            .WithName("ContractCancel").WithSummary("Cancels the contract; its machine is then removed by the agent.")
            .Accepts<CancelBody>("application/json").Produces<ContractView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id}/reset-password", ResetPasswordAsync)
            .WithName("ContractResetPassword").WithSummary("Asks the provider's agent for a new VM password (idempotent); the outcome appears on the contract.")
            .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id}/health", ListHealthAsync)
            .WithName("ContractHealthList").WithSummary("The latest health checks of the contract's machine (user).")
            .Produces<IReadOnlyList<HealthReportView>>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/health", ReportHealthAsync)
            .WithName("ContractHealthReport").WithSummary("An agent's health check of the machine (health_check); the first healthy one activates a provisioned contract.")
            .Accepts<HealthBody>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static Task<IResult> RequestAsync(HttpContext context, IMediator mediator) =>
        SignedRoutes.AsAccountAsync(context, (user, body) =>
            SignedRoutes.WithJsonAsync<ContractBody>(body, "{\"providerId\", \"pool\", \"offeringId\", \"cores\", \"memoryMb\", \"storageGb\", \"sshPublicKey\", \"durationSeconds\", \"priceE8s\", \"instanceConfig\"?, \"postProvisionScript\"?}", async b =>
            {
                var result = await mediator.Send(new RequestContract(user, b.ProviderId, b.Pool, b.OfferingId, b.Cores, b.MemoryMb, b.StorageGb,
                    b.SshPublicKey, b.InstanceConfig, b.PostProvisionScript, b.DurationSeconds, b.PriceE8s), context.RequestAborted);
                return result.IsSuccess ? Results.Created($"/api/v1/contracts/{result.Value.ContractId}", result.Value) : result.ToProblem();
            }));

    private static Task<IResult> GetAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAccountAsync(context, async (user, _) =>
            SignedRoutes.Ok(await mediator.Send(new GetAccountContract(user, id), context.RequestAborted)));

    private static Task<IResult> CancelAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAccountAsync(context, async (user, body) =>
        {
            var reason = body.Length == 0 ? null : StrictJson.TryRead<CancelBody>(body);
            if (body.Length > 0 && reason is null)
            {
                return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", "The body must be empty or {\"reason\": ...}.");
            }

            return SignedRoutes.Ok(await mediator.Send(new CancelContract(user, id, reason?.Reason), context.RequestAborted));
        });

    private static Task<IResult> ResetPasswordAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAccountAsync(context, async (user, _) =>
        {
            var result = await mediator.Send(new RequestPasswordReset(user, id), context.RequestAborted);
            return result.IsSuccess ? Results.Accepted($"/api/v1/contracts/{id}") : result.ToProblem();
        });

    private static Task<IResult> ListHealthAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAccountAsync(context, async (user, _) =>
            SignedRoutes.Ok(await mediator.Send(new ListHealthReports(user, id), context.RequestAborted)));

    private static Task<IResult> ReportHealthAsync(HttpContext context, IMediator mediator, string id) =>
        SignedRoutes.AsAgentAsync(context, AgentPermissions.HealthCheck, (agent, body) =>
            SignedRoutes.WithJsonAsync<HealthBody>(body, "{\"checkedAt\", \"status\": \"healthy\"|\"unhealthy\"|\"unknown\", \"latencyMs\"?, \"details\"?}", async b =>
                SignedRoutes.NoContent(await mediator.Send(new RecordHealthReport(agent, id, b.CheckedAt, b.Status, b.LatencyMs, b.Details), context.RequestAborted))));

    /// <summary>A contract request.</summary>
    internal sealed record ContractBody(
        string? ProviderId, string? Pool, string? OfferingId, int Cores, int MemoryMb, int StorageGb, string? SshPublicKey,
        long DurationSeconds, long PriceE8s, string? InstanceConfig, string? PostProvisionScript);

    /// <summary>A cancellation.</summary>
    internal sealed record CancelBody(string? Reason);

    /// <summary>A health report; the same body the agent sends.</summary>
    internal sealed record HealthBody(DateTimeOffset CheckedAt, string? Status, int? LatencyMs, string? Details);
}
