using System.Globalization;
using DecentCloud.Api.Http;
using DecentCloud.Application.Retention;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>
/// The contract archive under the admin group (admin-signed, every call audited by the group's filter). Query strings
/// are read by hand, so a malformed one is answered after the group's filters, audited.
/// </summary>
internal static class ArchiveEndpoints
{
    public static void MapArchive(this RouteGroupBuilder admin)
    {
        admin.MapGet("/archive/contracts", ListAsync)
            .WithName("AdminListArchivedContracts")
            .WithSummary("Archived contracts of a provider (`provider`) and/or a user (`user`, an account id), latest archived first; `limit` 1-1000 (default 100).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        admin.MapGet("/archive/contracts/{contractId}", GetAsync)
            .WithName("AdminGetArchivedContract").WithSummary("One archived contract with its final state, when it ended and was archived, and its history.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<IReadOnlyList<Wire.ArchivedContract>>, ProblemHttpResult>> ListAsync(HttpContext context, IMediator mediator)
    {
        var query = context.Request.Query;
        var limit = ListArchivedContracts.DefaultLimit;
        var text = query["limit"].ToString();
        if (text.Length > 0 && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
        {
            return ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_limit", $"limit must be a whole number 1-{ListArchivedContracts.MaxLimit}.");
        }

        var provider = query["provider"].ToString();
        var user = query["user"].ToString();
        var result = await mediator.Send(
            new ListArchivedContracts(provider.Length > 0 ? provider : null, user.Length > 0 ? user : null, limit), context.RequestAborted);
        return result.IsSuccess
            ? TypedResults.Ok<IReadOnlyList<Wire.ArchivedContract>>([.. result.Value.Select(ToWire)])
            : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.ArchivedContract>, ProblemHttpResult>> GetAsync(HttpContext context, IMediator mediator, string contractId)
    {
        var result = await mediator.Send(new GetArchivedContract(contractId), context.RequestAborted);
        return result.IsSuccess ? TypedResults.Ok(ToWire(result.Value)) : result.ToProblem();
    }

    private static Wire.ArchivedContract ToWire(ArchivedContractView v) => new(
        v.ContractId, v.ProviderId, v.RequesterAccountId, v.Pool, v.OfferingId, v.FinalState, v.CreatedAt, v.EndedAt, v.ArchivedAt,
        v.RentalPriceNanoUsd, [.. v.History.Select(h => new Wire.ContractTransition(h.From, h.To, h.At, h.Actor, h.Reason))]);
}
