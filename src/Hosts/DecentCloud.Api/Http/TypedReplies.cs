using FluentResults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DecentCloud.Api.Http;

/// <summary>A use case's <see cref="Result"/> as a typed HTTP result, so OpenAPI reads the reply type from the signature.</summary>
internal static class TypedReplies
{
    public static Results<Ok<TWire>, ProblemHttpResult> Ok<T, TWire>(Result<T> result, Func<T, TWire> toWire) =>
        result.IsSuccess ? TypedResults.Ok(toWire(result.Value)) : result.ToProblem();

    public static Results<NoContent, ProblemHttpResult> NoContent(Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : result.ToProblem();
}
