using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Api.Http;

/// <summary>The outcome of reading and authenticating a signed agent request.</summary>
internal sealed record AgentCall(AgentPrincipal? Agent, byte[] Body, IResult? Refusal);

/// <summary>The outcome of reading and authenticating a request signed by an account's device.</summary>
internal sealed record AccountCall(AccountPrincipal? User, byte[] Body, IResult? Refusal);

/// <summary>
/// Reads a signed request's body and authenticates it before any use case runs. Agents sign with
/// <c>X-Agent-Pubkey</c>, users' devices with <c>X-Public-Key</c>; the rest of the scheme is the same.
/// </summary>
internal static class SignedAgentRequests
{
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<AgentCall> AuthenticateAsync(HttpContext context, AgentPermissions required)
    {
        var (signed, body, refusal) = await ReadAsync(context);
        if (refusal is not null)
        {
            return new AgentCall(null, [], refusal);
        }

        var headers = context.Request.Headers;
        var result = await Mediator(context).Send(new AuthenticateAgentRequest(
            headers["X-Agent-Pubkey"].ToString(), headers["X-Signature"].ToString(), signed!, required, ClientAddress.Of(context)), context.RequestAborted);
        return result.IsFailed ? new AgentCall(null, body, Refuse(context, result)) : new AgentCall(result.Value, body, null);
    }

    public static async Task<AccountCall> AuthenticateAccountAsync(HttpContext context, bool requireAccount = true)
    {
        var (signed, body, refusal) = await ReadAsync(context);
        if (refusal is not null)
        {
            return new AccountCall(null, [], refusal);
        }

        var headers = context.Request.Headers;
        var result = await Mediator(context).Send(new AuthenticateAccountRequest(
            headers["X-Public-Key"].ToString(), headers["X-Signature"].ToString(), signed!, requireAccount, ClientAddress.Of(context)), context.RequestAborted);
        return result.IsFailed ? new AccountCall(null, body, Refuse(context, result)) : new AccountCall(result.Value, body, null);
    }

    public static IResult Refused(BodyRefusal refusal) => refusal == BodyRefusal.TooLarge
        ? ProblemMapping.Problem(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body exceeds {MaxBodyBytes} bytes.")
        : ProblemMapping.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "The body must be application/json.");

    private static async Task<(SignedRequest? Signed, byte[] Body, IResult? Refusal)> ReadAsync(HttpContext context)
    {
        var limiter = context.RequestServices.GetRequiredService<AuthFailureLimiter>();
        if (limiter.RetryAfter(ClientAddress.Of(context)) is { } wait)
        {
            return (null, [], ProblemMapping.TooManyRequests(context, wait));
        }

        var isBodyless = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method);
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        if (refusal != BodyRefusal.None)
        {
            return (null, [], Refused(refusal));
        }

        if (!isBodyless && body.Length > 0 && context.Request.ContentType is null)
        {
            return (null, [], Refused(BodyRefusal.UnsupportedMediaType));
        }

        var headers = context.Request.Headers;
        var signed = new SignedRequest(
            headers["X-Timestamp"].ToString(),
            headers["X-Nonce"].ToString(),
            context.Request.Method,
            context.Request.PathBase + context.Request.Path,
            body);
        return (signed, body, null);
    }

    private static IMediator Mediator(HttpContext context) => context.RequestServices.GetRequiredService<IMediator>();

    private static IResult Refuse(HttpContext context, IResultBase result)
    {
        if (ResultExtensions.FirstDomainError(result).Kind == ErrorKind.Unauthorized)
        {
            context.RequestServices.GetRequiredService<AuthFailureLimiter>().RecordFailure(ClientAddress.Of(context));
        }

        return result.ToProblem();
    }
}
