using System.Net;

namespace DecentCloud.Api.Client;

/// <summary>
/// The API answered with an error. Carries the status and the problem's <c>code</c> and <c>detail</c>
/// (or the acme-dns route's <c>error</c>); never the request's body or headers, so it is safe to log.
/// </summary>
public sealed class DecentCloudApiException : Exception
{
    /// <summary>An error of <paramref name="method"/> <paramref name="path"/>.</summary>
    public DecentCloudApiException(HttpStatusCode status, string? code, string? detail, string method, string path)
        : base(Describe(status, code, detail, method, path))
    {
        Status = status;
        Code = code;
        Detail = detail;
        Method = method;
        Path = path;
    }

    /// <summary>An error with only a message (for serializers and tests).</summary>
    public DecentCloudApiException()
        : this(0, null, null, string.Empty, string.Empty)
    {
    }

    /// <summary>An error with only a message.</summary>
    public DecentCloudApiException(string message)
        : base(message)
    {
        Method = string.Empty;
        Path = string.Empty;
    }

    /// <summary>An error with a message and its cause.</summary>
    public DecentCloudApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Method = string.Empty;
        Path = string.Empty;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; }

    /// <summary>The problem's stable code (e.g. <c>lease_not_held</c>, <c>too_many_failures</c>), when the body had one.</summary>
    public string? Code { get; }

    /// <summary>The problem's detail, when the body had one.</summary>
    public string? Detail { get; }

    /// <summary>The request's method.</summary>
    public string Method { get; }

    /// <summary>The request's path (no query).</summary>
    public string Path { get; }

    private static string Describe(HttpStatusCode status, string? code, string? detail, string method, string path) =>
        $"{method} {path} failed with HTTP {(int)status}{(code is null ? "" : $" ({code})")}{(detail is null ? "" : $": {detail}")}";
}
