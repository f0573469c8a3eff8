using DecentCloud.Application.Accounts;
using DecentCloud.Application.Admin;
using DecentCloud.Application.Common;
using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DecentCloud.Api.Http;

/// <summary>
/// Authenticates a signed request before its endpoint runs: reads the body once (64 KiB, JSON), checks the signature
/// through the Application use case the route's <see cref="SignatureRequirement"/> names, and leaves the signer and
/// the body in <see cref="SignedCall"/> for the endpoint. A failure is counted against the client and the key it
/// named, and answered 429 once either (or the global budget) is over its limit; a request that verifies is never
/// refused by the limiter. The canonical format (<c>X-Signature-Version: 2</c>) is verified; the legacy format until
/// <see cref="SignedRequestOptions.LegacyFormatAcceptedUntil"/>, each key that still uses it logged once.
/// </summary>
internal sealed class SignedRequestFilter(
    IMediator mediator, AuthFailureLimiter limiter, SignedRequestOptions signing, LegacySignatureLog legacy) : IEndpointFilter
{
    public const int MaxBodyBytes = 64 * 1024;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.Items.ContainsKey(typeof(SignedCall)))
        {
            // Declared on a group and again on one of its routes: the first run already checked the route's
            // requirement (metadata is per endpoint) and consumed body and nonce; a second run would refuse the replay.
            return await next(invocation);
        }

        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<SignatureRequirement>()
            ?? throw new InvalidOperationException("a signed route has no SignatureRequirement");
        var client = ClientAddress.Of(context);
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return ProblemMapping.Refused(refusal, MaxBodyBytes);
        }

        var isBodyless = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method);
        if (!isBodyless && body.Length > 0 && context.Request.ContentType is null)
        {
            return ProblemMapping.Refused(BodyRefusal.UnsupportedMediaType, MaxBodyBytes);
        }

        var headers = context.Request.Headers;
        var keyHex = headers[requirement.IsAgent ? "X-Agent-Pubkey" : "X-Public-Key"].ToString();
        var target = TargetOf(requirement, keyHex);
        var signed = Describe(context.Request, body, acceptLegacy: !requirement.IsAdmin);
        var signature = headers["X-Signature"].ToString();
        if (requirement.IsAdmin)
        {
            // The admin use case judges an unreadable request too, so an API without admin keys refuses every call alike.
            var admin = await mediator.Send(new AuthenticateAdminRequest(keyHex, signature, signed), context.RequestAborted);
            if (admin.IsFailed)
            {
                return Refuse(context, admin, client, target);
            }

            context.Items[typeof(SignedCall)] = new SignedCall(null, null, body) { Admin = admin.Value };
            return await next(invocation);
        }

        if (signed is null)
        {
            return Refuse(context, Result.Fail(DomainErrors.Unauthorized(
                "invalid_signature", "X-Signature-Version must be 2, and a signed path must not hold an encoded '%' or '/'.")), client, target);
        }

        SignedCall call;
        if (requirement.Permission is { } permission)
        {
            var agent = await mediator.Send(new AuthenticateAgentRequest(keyHex, signature, signed, permission, client), context.RequestAborted);
            if (agent.IsFailed)
            {
                return Refuse(context, agent, client, target);
            }

            call = new SignedCall(agent.Value, null, body);
        }
        else
        {
            var device = await mediator.Send(
                new AuthenticateAccountRequest(keyHex, signature, signed, requirement.RequireAccount, client), context.RequestAborted);
            if (device.IsFailed)
            {
                return Refuse(context, device, client, target);
            }

            call = new SignedCall(null, device.Value, body);
        }

        if (signed.Format == SignatureFormat.Legacy)
        {
            legacy.Note(requirement.IsAgent ? "agent" : "device", keyHex, signed.Method, signed.Path);
        }

        context.Items[typeof(SignedCall)] = call;
        return await next(invocation);
    }

    /// <summary>
    /// The request as its signature covers it; <c>null</c> when it names an unknown format, cannot be signed
    /// unambiguously, or is in the legacy format where <paramref name="acceptLegacy"/> is false (routes newer than it).
    /// </summary>
    private SignedRequest? Describe(HttpRequest request, byte[] body, bool acceptLegacy)
    {
        var headers = request.Headers;
        var timestamp = headers["X-Timestamp"].ToString();
        var nonce = headers["X-Nonce"].ToString();
        var path = (request.PathBase + request.Path).Value ?? string.Empty;
        var version = headers["X-Signature-Version"];
        if (version.Count == 0)
        {
            return !acceptLegacy ? null : new SignedRequest(timestamp, nonce, request.Method, path, body) { LegacyAcceptedUntil = signing.LegacyFormatAcceptedUntil };
        }

        // The server sees the path decoded except for %2F (and %25 decoded to a bare '%'): such a path could be signed
        // in two spellings that route differently, so it is refused rather than guessed at.
        if (version.Count != 1 || version[0] != "2" || path.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        return SignedRequest.V2(timestamp, nonce, request.Method, request.Host.Value ?? string.Empty, path, query, body);
    }

    /// <summary>The credential a request names, for the per-target count: only a well-formed key, so junk is not tracked.</summary>
    private static string? TargetOf(SignatureRequirement requirement, string keyHex) =>
        keyHex.Length == 64 && keyHex.All(Uri.IsHexDigit)
            ? (requirement.IsAgent ? "agent:" : requirement.IsAdmin ? "admin:" : "device:") + keyHex.ToLowerInvariant()
            : null;

    private ProblemHttpResult Refuse(HttpContext context, IResultBase result, string client, string? target)
    {
        // For a route group that audits its calls (the admin routes): the reason the caller is not told.
        context.Items[typeof(SignatureRefusal)] = new SignatureRefusal(AuditNote.OutcomeOf(result));
        // A valid signature by a key that may not call the route (403 not_admin) counts too: anyone can make keys, so
        // it must not buy unlimited audited attempts at the admin routes.
        if (result.FirstDomainError() is { } error && (error.Kind == ErrorKind.Unauthorized || error.Code == "not_admin")
            && limiter.RecordFailure(client, target) is { } wait)
        {
            return ProblemMapping.TooManyRequests(context, wait);
        }

        return result.ToProblem();
    }
}
