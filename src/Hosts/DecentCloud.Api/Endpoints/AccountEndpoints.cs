using DecentCloud.Api.Http;
using DecentCloud.Application.Accounts;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Wire = DecentCloud.Api.Client;

namespace DecentCloud.Api.Endpoints;

/// <summary>User accounts and their device keys; every request is signed by a device key (<c>X-Public-Key</c>).</summary>
internal static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("accounts")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPost("/", RegisterAsync).RequireDeviceSignature(requireAccount: false)
            .WithName("AccountRegister").WithSummary("Registers an account whose first device is the signing key, with its account-level credential key.")
            .Accepts<Wire.AccountRegistration>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var devices = group.MapGroup("/me/devices").RequireDeviceSignature();
        devices.MapPost("/", AddDeviceAsync)
            .WithName("AccountDeviceAdd").WithSummary("Adds a device key to the signer's account.")
            .Accepts<Wire.DeviceRegistration>("application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        devices.MapDelete("/{deviceKey}", RevokeDeviceAsync)
            .WithName("AccountDeviceRevoke").WithSummary("Revokes one of the account's device keys (not the last one).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Created<Wire.AccountDetails>, ProblemHttpResult>> RegisterAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.AccountRegistration>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"credentialKey\": hex, \"label\"?}");
        }

        var result = await mediator.Send(new RegisterAccount(context.Device(), b.CredentialKey, b.Label) { ClientAddress = ClientAddress.Of(context) }, context.RequestAborted);
        return result.IsSuccess ? TypedResults.Created("/api/v1/accounts/me", result.Value.ToWire()) : result.ToProblem();
    }

    private static async Task<Results<Ok<Wire.AccountDetails>, ProblemHttpResult>> AddDeviceAsync(HttpContext context, IMediator mediator)
    {
        if (context.Body<Wire.DeviceRegistration>() is not { } b)
        {
            return ProblemMapping.InvalidJson("{\"deviceKey\": hex, \"label\"?}");
        }

        return TypedReplies.Ok(await mediator.Send(new AddAccountDevice(context.Device(), b.DeviceKey, b.Label), context.RequestAborted), WireMapping.ToWire);
    }

    private static async Task<Results<Ok<Wire.AccountDetails>, ProblemHttpResult>> RevokeDeviceAsync(HttpContext context, IMediator mediator, string deviceKey) =>
        TypedReplies.Ok(await mediator.Send(new RevokeAccountDevice(context.Device(), deviceKey), context.RequestAborted), WireMapping.ToWire);
}
