using System.Text;
using DecentCloud.Api.Http;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Domain.Common;
using Mediator;
using Wire = DecentCloud.Api.Client;

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
            // No Accepts metadata: it would make routing answer 415 as problem details, not in acme-dns format.
            .WithDescription("acme-dns protocol: headers X-Api-User and X-Api-Key, JSON body {\"subdomain\": \"<dc_id>\", \"txt\": \"<43 base64url chars>\"}.")
            .Produces<Wire.AcmeDnsUpdateReply>(StatusCodes.Status200OK)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status400BadRequest)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status401Unauthorized)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status415UnsupportedMediaType)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status429TooManyRequests)
            .Produces<Wire.AcmeDnsError>(StatusCodes.Status502BadGateway);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, IMediator mediator, AuthFailureLimiter limiter)
    {
        // No refusal before the credentials are checked: a renewal with valid credentials is never throttled by
        // what others sent from the same address (shared NAT, a proxy) or against the same gateway.
        var client = ClientAddress.Of(context);
        var (body, refusal) = await RequestBody.ReadJsonAsync(context.Request, MaxBodyBytes, requireContentType: false, context.RequestAborted);
        switch (refusal)
        {
            case BodyRefusal.TooLarge:
                return Error(StatusCodes.Status413PayloadTooLarge, "body_too_large");
            case BodyRefusal.UnsupportedMediaType:
                return Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type");
        }

        var request = StrictJson.TryRead<Wire.AcmeDnsUpdate>(body);
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
        if (error.Kind == ErrorKind.Unauthorized && limiter.RecordFailure(client, FailureTarget(headers["X-Api-User"].ToString())) is { } wait)
        {
            context.Response.Headers.RetryAfter = ProblemMapping.RetryAfterSeconds(wait);
            return Error(StatusCodes.Status429TooManyRequests, "too_many_requests");
        }

        return Error(ProblemMapping.StatusOf(error.Kind), error.Code);
    }

    /// <summary>Failures are also counted per named username, so guesses spread over many addresses still meet a limit.</summary>
    private static string? FailureTarget(string username) =>
        Guid.TryParse(username, out var user) ? "acme-dns:" + user.ToString("D") : null;

    private static ExactJson Error(int status, string code) => new(status, $"{{\"error\":\"{code}\"}}");

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
