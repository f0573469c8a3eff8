using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DecentCloud.Api.Http;

/// <summary>
/// Authenticates a signed request before its endpoint runs: refuses a client over the failure limit,
/// reads the body once (64 KiB, JSON), checks the signature through the Application use case the
/// route's <see cref="SignatureRequirement"/> names, counts failures, and leaves the signer and the
/// body in <see cref="SignedCall"/> for the endpoint.
/// </summary>
internal sealed class SignedRequestFilter(IMediator mediator, AuthFailureLimiter limiter) : IEndpointFilter
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
        if (limiter.RetryAfter(client) is { } wait)
        {
            return ProblemMapping.TooManyRequests(context, wait);
        }

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
        var signed = new SignedRequest(
            headers["X-Timestamp"].ToString(), headers["X-Nonce"].ToString(), context.Request.Method, context.Request.PathBase + context.Request.Path, body);
        var signature = headers["X-Signature"].ToString();
        SignedCall call;
        if (requirement.Permission is { } permission)
        {
            var agent = await mediator.Send(
                new AuthenticateAgentRequest(headers["X-Agent-Pubkey"].ToString(), signature, signed, permission, client), context.RequestAborted);
            if (agent.IsFailed)
            {
                return Refuse(agent, client);
            }

            call = new SignedCall(agent.Value, null, body);
        }
        else
        {
            var device = await mediator.Send(
                new AuthenticateAccountRequest(headers["X-Public-Key"].ToString(), signature, signed, requirement.RequireAccount, client), context.RequestAborted);
            if (device.IsFailed)
            {
                return Refuse(device, client);
            }

            call = new SignedCall(null, device.Value, body);
        }

        context.Items[typeof(SignedCall)] = call;
        return await next(invocation);
    }

    private ProblemHttpResult Refuse(IResultBase result, string client)
    {
        if (result.FirstDomainError().Kind == ErrorKind.Unauthorized)
        {
            limiter.RecordFailure(client);
        }

        return result.ToProblem();
    }
}
