using DecentCloud.Domain.Common;
using FluentResults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DecentCloud.Api.Http;

/// <summary>Turns a failed <see cref="Result"/> into RFC 9457 problem details.</summary>
internal static class ProblemMapping
{
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorKind.Upstream => StatusCodes.Status502BadGateway,
        ErrorKind.LimitExceeded => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult ToProblem(this IResultBase result)
    {
        var error = result.FirstDomainError();
        return Problem(StatusOf(error.Kind), error.Code, error.Message);
    }

    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            detail: detail,
            type: $"https://decent-cloud.org/problems/{code}",
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 naming the body shape the route expects.</summary>
    public static ProblemHttpResult InvalidJson(string shape) =>
        Problem(StatusCodes.Status400BadRequest, "invalid_json", $"The body must be {shape} with no other fields.");

    /// <summary>413 or 415 for a body that was not read.</summary>
    public static ProblemHttpResult Refused(BodyRefusal refusal, int maxBytes) => refusal == BodyRefusal.TooLarge
        ? Problem(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"The body exceeds {maxBytes} bytes.")
        : Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "The body must be application/json.");

    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return Problem(StatusCodes.Status429TooManyRequests, "too_many_failures", "Too many failed attempts; try again later.");
    }

    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
