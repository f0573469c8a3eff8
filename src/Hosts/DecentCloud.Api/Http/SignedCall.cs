using DecentCloud.Application.Accounts;
using DecentCloud.Application.Admin;
using DecentCloud.Application.Agents;

namespace DecentCloud.Api.Http;

/// <summary>What <see cref="SignedRequestFilter"/> established: the signer and the body it signed.</summary>
internal sealed record SignedCall(AgentPrincipal? Agent, AccountPrincipal? Device, byte[] Body)
{
    /// <summary>The authenticated admin key (routes with <c>RequireAdminSignature</c>).</summary>
    public AdminPrincipal? Admin { get; init; }
}

/// <summary>Why <see cref="SignedRequestFilter"/> refused a request, in the audit trail's words (never told to the caller).</summary>
/// <param name="Outcome">E.g. <c>bad_signature</c>, <c>stale</c>, <c>replayed_nonce</c>, <c>not_admin</c>.</param>
internal sealed record SignatureRefusal(string Outcome);

/// <summary>Typed access to the <see cref="SignedCall"/> of a request, for the endpoints behind the filter.</summary>
internal static class SignedCallAccess
{
    /// <summary>The authenticated agent (routes with <c>RequireAgentPermission</c>).</summary>
    public static AgentPrincipal Agent(this HttpContext context) =>
        Call(context).Agent ?? throw new InvalidOperationException("the route is not agent-signed");

    /// <summary>The authenticated device (routes with <c>RequireDeviceSignature</c>).</summary>
    public static AccountPrincipal Device(this HttpContext context) =>
        Call(context).Device ?? throw new InvalidOperationException("the route is not device-signed");

    /// <summary>The authenticated admin (routes with <c>RequireAdminSignature</c>).</summary>
    public static AdminPrincipal Admin(this HttpContext context) =>
        Call(context).Admin ?? throw new InvalidOperationException("the route is not admin-signed");

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
