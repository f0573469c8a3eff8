using DecentCloud.Api.Http;
using DecentCloud.Application.Accounts;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary>User accounts and their device keys; every request is signed by a device key (<c>X-Public-Key</c>).</summary>
internal static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/accounts").WithTags("accounts")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/", RegisterAsync)
            .WithName("AccountRegister").WithSummary("Registers an account whose first device is the signing key, with its account-level credential key.")
            .Accepts<RegisterBody>("application/json").Produces<AccountView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/me/devices", AddDeviceAsync)
            .WithName("AccountDeviceAdd").WithSummary("Adds a device key to the signer's account.")
            .Accepts<DeviceBody>("application/json").Produces<AccountView>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/me/devices/{deviceKey}", RevokeDeviceAsync)
            .WithName("AccountDeviceRevoke").WithSummary("Revokes one of the account's device keys (not the last one).")
            .Produces<AccountView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static Task<IResult> RegisterAsync(HttpContext context, IMediator mediator) =>
        SignedRoutes.AsAccountAsync(context, (user, body) =>
            SignedRoutes.WithJsonAsync<RegisterBody>(body, "{\"credentialKey\": hex, \"label\"?}", async b =>
            {
                var result = await mediator.Send(new RegisterAccount(user, b.CredentialKey, b.Label), context.RequestAborted);
                return result.IsSuccess ? Results.Created("/api/v1/accounts/me", result.Value) : result.ToProblem();
            }), requireAccount: false);

    private static Task<IResult> AddDeviceAsync(HttpContext context, IMediator mediator) =>
        SignedRoutes.AsAccountAsync(context, (user, body) =>
            SignedRoutes.WithJsonAsync<DeviceBody>(body, "{\"deviceKey\": hex, \"label\"?}", async b =>
                SignedRoutes.Ok(await mediator.Send(new AddAccountDevice(user, b.DeviceKey, b.Label), context.RequestAborted))));

    private static Task<IResult> RevokeDeviceAsync(HttpContext context, IMediator mediator, string deviceKey) =>
        SignedRoutes.AsAccountAsync(context, async (user, _) =>
            SignedRoutes.Ok(await mediator.Send(new RevokeAccountDevice(user, deviceKey), context.RequestAborted)));

    /// <summary>Account registration.</summary>
    internal sealed record RegisterBody(string? CredentialKey, string? Label);

    /// <summary>A device to add.</summary>
    internal sealed record DeviceBody(string? DeviceKey, string? Label);
}
