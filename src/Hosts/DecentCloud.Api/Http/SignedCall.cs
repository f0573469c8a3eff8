using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;

namespace DecentCloud.Api.Http;

/// <summary>What <see cref="SignedRequestFilter"/> established: the signer and the body it signed.</summary>
internal sealed record SignedCall(AgentPrincipal? Agent, AccountPrincipal? Device, byte[] Body);

/// <summary>Typed access to the <see cref="SignedCall"/> of a request, for the endpoints behind the filter.</summary>
internal static class SignedCallAccess
{
    /// <summary>The authenticated agent (routes with <c>RequireAgentPermission</c>).</summary>
    public static AgentPrincipal Agent(this HttpContext context) =>
        Call(context).Agent ?? throw new InvalidOperationException("the route is not agent-signed");

    /// <summary>The authenticated device (routes with <c>RequireDeviceSignature</c>).</summary>
    public static AccountPrincipal Device(this HttpContext context) =>
        Call(context).Device ?? throw new InvalidOperationException("the route is not device-signed");

    /// <summary>The signed body, read strictly as <typeparamref name="T"/>; <c>null</c> when it is not exactly one such object.</summary>
    public static T? Body<T>(this HttpContext context)
        where T : class =>
        StrictJson.TryRead<T>(Call(context).Body);

    /// <summary>Whether the signed body is empty.</summary>
    public static bool HasNoBody(this HttpContext context) => Call(context).Body.Length == 0;

    private static SignedCall Call(HttpContext context) =>
        context.Items.TryGetValue(typeof(SignedCall), out var call) && call is SignedCall signed
            ? signed
            : throw new InvalidOperationException("the route has no SignedRequestFilter");
}
