using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using FluentResults;
using Mediator;

namespace DecentCloud.Api.Http;

/// <summary>The outcome of reading and authenticating a signed agent request.</summary>
internal sealed record AgentCall(AgentPrincipal? Agent, byte[] Body, IResult? Refusal);

/// <summary>Reads a signed agent request's body and authenticates it before any use case runs.</summary>
internal static class SignedAgentRequests
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<AgentCall> AuthenticateAsync(HttpContext context, AgentPermissions required)
    {
        var limiter = context.RequestServices.GetRequiredService<AuthFailureLimiter>();
        var client = ClientAddress.Of(context);
        if (limiter.RetryAfter(client) is { } wait)
        {
            return new AgentCall(null, [], ProblemMapping.TooManyRequests(context, wait));
        }

        var isBodyless = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method);
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return new AgentCall(null, [], Refused(refusal));
        }

        if (!isBodyless && body.Length > 0 && context.Request.ContentType is null)
        {
            return new AgentCall(null, [], Refused(BodyRefusal.UnsupportedMediaType));
        }

        var headers = context.Request.Headers;
        var signed = new SignedRequest(
            headers["X-Timestamp"].ToString(),
            headers["X-Nonce"].ToString(),
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            body);
        var mediator = context.RequestServices.GetRequiredService<IMediator>();
        var result = await mediator.Send(new AuthenticateAgentRequest(
            headers["X-Agent-Pubkey"].ToString(), headers["X-Signature"].ToString(), signed, required, client), context.RequestAborted);
        if (result.IsFailed)
        {
            if (result.FirstDomainErrorKind() == Domain.Common.ErrorKind.Unauthorized)
            {
                limiter.RecordFailure(client);
            }

            return new AgentCall(null, body, result.ToProblem());
        }

        return new AgentCall(result.Value, body, null);
    }

    public static IResult Refused(BodyRefusal refusal) => refusal == BodyRefusal.TooLarge
        ? ProblemMapping.Problem(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body exceeds {MaxBodyBytes} bytes.")
        : ProblemMapping.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "The body must be application/json.");

    private static Domain.Common.ErrorKind FirstDomainErrorKind(this IResultBase result) =>
        Domain.Common.ResultExtensions.FirstDomainError(result).Kind;
}
