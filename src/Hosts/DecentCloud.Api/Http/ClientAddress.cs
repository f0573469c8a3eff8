namespace DecentCloud.Api.Http;

/// <summary>The client's address as the limiter and the audit trail key it.</summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
