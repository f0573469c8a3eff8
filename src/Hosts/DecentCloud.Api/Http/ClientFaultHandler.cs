using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;

namespace DecentCloud.Api.Http;

/// <summary>
/// Exceptions that are the client's doing, not ours: a body cut short or a connection reset (the client went away)
/// and a body Kestrel refused (too slow: 408; malformed framing: 400). They get the status Kestrel chose, and a
/// Debug line without a stack trace, so a flood of aborted uploads cannot fill the log. Every other exception is left
/// to the exception handler, which logs it as the error it is and answers 500.
/// </summary>
internal sealed partial class ClientFaultHandler(IProblemDetailsService problems, ILogger<ClientFaultHandler> logger) : IExceptionHandler
{
    /// <summary>The de-facto status of a request whose client closed the connection (nobody reads it).</summary>
    private const int ClientClosedRequest = 499;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        // Kestrel may raise the reset before it flags the request as aborted; a reset is the client's all the same.
        if (exception is ConnectionResetException
            || (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or BadHttpRequestException))
        {
            LogClientGone(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
            httpContext.Response.StatusCode = ClientClosedRequest;

            // Nobody is there to answer; closing the connection also stops Kestrel from draining a body whose
            // reader the reset left mid-read (which it would log as an error of its own).
            httpContext.Abort();
            return true;
        }

        if (exception is not BadHttpRequestException refused)
        {
            return false;
        }

        LogRefused(logger, httpContext.Request.Method, httpContext.Request.Path, refused.StatusCode, refused.Message);
        httpContext.Response.StatusCode = refused.StatusCode;
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = { Status = refused.StatusCode, Title = refused.Message },
            Exception = exception,
        });
        return true;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client went away ({Exception})")]
    private static partial void LogClientGone(ILogger logger, string method, string path, string exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the request was refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string reason);
}
