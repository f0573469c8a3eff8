using System.Text;
using DecentCloud.Api.Http;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Common;
using Mediator;

namespace DecentCloud.Api.Endpoints;

/// <summary>The acme-dns wire protocol (<c>POST …/acme-dns/update</c>): plain <c>{"error":…}</c> bodies, not problem details.</summary>
internal static class AcmeDnsEndpoints
{
    public const string UpdatePath = "/api/v1/acme-dns/update";
    private const int MaxBodyBytes = 4096;

    public static void MapAcmeDns(this IEndpointRouteBuilder app)
    {
        app.MapPost(UpdatePath, UpdateAsync)
            .WithName("AcmeDnsUpdate")
            .WithTags("acme-dns")
            .WithSummary("Sets the challenge TXT of the caller's gateway.")
            .WithDescription("acme-dns protocol: headers X-Api-User and X-Api-Key, JSON body {\"subdomain\": \"<dc_id>\", \"txt\": \"<43 base64url chars>\"}.")
            .Produces<AcmeDnsUpdateReply>(StatusCodes.Status200OK)
            .Produces<AcmeDnsError>(StatusCodes.Status400BadRequest)
            .Produces<AcmeDnsError>(StatusCodes.Status401Unauthorized)
            .Produces<AcmeDnsError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<AcmeDnsError>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<AcmeDnsError>(StatusCodes.Status429TooManyRequests)
            .Produces<AcmeDnsError>(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, IMediator mediator, AuthFailureLimiter limiter)
    {
        var client = ClientAddress.Of(context);
        if (limiter.RetryAfter(client) is { } wait)
        {
            context.Response.Headers.RetryAfter = ProblemMapping.RetryAfterSeconds(wait);
            return Error(StatusCodes.Status429TooManyRequests, "too_many_requests");
        }

        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        switch (refusal)
        {
            case BodyRefusal.TooLarge:
                return Error(StatusCodes.Status413PayloadTooLarge, "body_too_large");
            case BodyRefusal.UnsupportedMediaType:
                return Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");
        }

        var request = StrictJson.TryRead<AcmeDnsUpdateBody>(body);
        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, AcmeDnsErrors.BadTxt);
        }

        var headers = context.Request.Headers;
        var result = await mediator.Send(
            new UpdateAcmeTxt(headers["X-Api-User"].ToString(), headers["X-Api-Key"].ToString(), request.Subdomain, request.Txt, client),
            context.RequestAborted);
        if (result.IsSuccess)
        {
            // Byte-exact acme-dns reply; the value is base64url, so it needs no escaping.
            return new ExactJson(StatusCodes.Status200OK, $"{{\"txt\":\"{result.Value.Value}\"}}");
        }

        var error = result.FirstDomainError();
        if (error.Kind == ErrorKind.Unauthorized)
        {
            limiter.RecordFailure(client);
        }

        return Error(ProblemMapping.StatusOf(error.Kind), error.Code);
    }

    private static ExactJson Error(int status, string code) => new(status, $"{{\"error\":\"{code}\"}}");

    /// <summary>The acme-dns update body.</summary>
    internal sealed record AcmeDnsUpdateBody(string? Subdomain, string? Txt);

    /// <summary>The acme-dns success reply.</summary>
    internal sealed record AcmeDnsUpdateReply(string Txt);

    /// <summary>The acme-dns error reply.</summary>
    internal sealed record AcmeDnsError(string Error);

    /// <summary>A JSON body written byte for byte as acme-dns clients expect it.</summary>
    private sealed class ExactJson(int status, string json) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = "application/json";
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes).AsTask();
        }
    }
}
