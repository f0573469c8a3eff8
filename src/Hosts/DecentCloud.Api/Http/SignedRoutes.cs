using DecentCloud.Application.Accounts;
using DecentCloud.Application.Agents;
using DecentCloud.Domain.Agents;
using FluentResults;

namespace DecentCloud.Api.Http;

/// <summary>The common shape of signed routes: authenticate, read the JSON body, run, map the result.</summary>
internal static class SignedRoutes
{
    public static async Task<IResult> AsAgentAsync(HttpContext context, AgentPermissions permission, Func<AgentPrincipal, byte[], Task<IResult>> run)
    {
        var call = await SignedAgentRequests.AuthenticateAsync(context, permission);
        return call.Refusal ?? await run(call.Agent!, call.Body);
    }

    public static async Task<IResult> AsAccountAsync(HttpContext context, Func<AccountPrincipal, byte[], Task<IResult>> run, bool requireAccount = true)
    {
        var call = await SignedAgentRequests.AuthenticateAccountAsync(context, requireAccount);
        return call.Refusal ?? await run(call.User!, call.Body);
    }

    /// <summary>Runs <paramref name="run"/> on the body read strictly as <typeparamref name="T"/>, or answers 400 naming the expected shape.</summary>
    public static async Task<IResult> WithJsonAsync<T>(byte[] body, string shape, Func<T, Task<IResult>> run)
        where T : class =>
        StrictJson.TryRead<T>(body) is { } value
            ? await run(value)
            : ProblemMapping.Problem(StatusCodes.Status400BadRequest, "invalid_json", $"The body must be {shape} with no other fields.");

    public static IResult Ok<T>(Result<T> result) => result.IsSuccess ? Results.Ok(result.Value) : result.ToProblem();

    public static IResult NoContent(Result result) => result.IsSuccess ? Results.NoContent() : result.ToProblem();
}
