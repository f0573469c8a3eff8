using DecentCloud.Application.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DecentCloud.Api.Http;

/// <summary>
/// Leaves one audit entry for every call to an admin route, whatever its ending: the key the request named as actor,
/// <c>admin {method} {route}</c> as action, the outcome (<c>ok</c>, the signature refusal's reason, the route's error
/// code), the path asked for as subject, and the client's address. Declared once on the admin route group
/// (<see cref="SignedRouteConventions.RequireAdminSignature{TBuilder}"/>), outside the signature check.
/// </summary>
internal sealed class AdminCallAuditFilter(IMediator mediator, ILogger<AdminCallAuditFilter> log) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        object? result;
        try
        {
            result = await next(invocation);
        }
#pragma warning disable CA1031 // rethrown below: the entry is written and the route's own exception surfaces unchanged
        catch (Exception ex)
#pragma warning restore CA1031
        {
            try
            {
                await RecordAsync(context, ex is OperationCanceledException ? "aborted" : "error");
            }
#pragma warning disable CA1031 // an audit failure must not hide the route's exception, which says what went wrong
            catch (Exception auditFailure)
#pragma warning restore CA1031
            {
                log.LogError(auditFailure, "The audit entry of a failed admin call to {Path} could not be written.", context.Request.Path.Value);
            }

            throw;
        }

        // An answer that is not on record is not given: a failure to write the entry fails the call.
        await RecordAsync(context, OutcomeOf(context, result));
        return result;
    }

    private async Task RecordAsync(HttpContext context, string outcome)
    {
        var request = context.Request;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value ?? string.Empty;
        var call = new RecordAdminCall(
            ActorOf(request.Headers["X-Public-Key"].ToString()),
            $"admin {request.Method} {route}",
            outcome,
            (request.PathBase + request.Path).Value + request.QueryString.Value,
            ClientAddress.Of(context));

        // Not the request's token: a client that hung up still leaves its entry.
        await mediator.Send(call, CancellationToken.None);
    }

    /// <summary>The named key as the trail keeps it: lower-case when it is a well-formed key, else as sent (cut by the use case).</summary>
    private static string ActorOf(string keyHex) =>
        keyHex.Length == 64 && keyHex.All(Uri.IsHexDigit) ? keyHex.ToLowerInvariant() : keyHex;

    private static string OutcomeOf(HttpContext context, object? result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        if (status is >= 200 and < 300)
        {
            return "ok";
        }

        // The signature filter's reason beats its answer's code ("invalid_signature" says nothing of why), unless the
        // limiter answered instead.
        if (status != StatusCodes.Status429TooManyRequests && context.Items.TryGetValue(typeof(SignatureRefusal), out var refused) && refused is SignatureRefusal why)
        {
            return why.Outcome;
        }

        return result is ProblemHttpResult { ProblemDetails.Extensions: var extensions } && extensions.TryGetValue("code", out var code) && code is string text
            ? text
            : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
