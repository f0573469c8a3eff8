namespace DecentCloud.Adapters.Notifications;

/// <summary>Small helpers the HTTP channels share.</summary>
internal static class HttpUrls
{
    public static bool IsAbsoluteHttp(Uri url) => url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);

    /// <summary>Removes <paramref name="secret"/> from a text that is about to leave the adapter (a detail, a log line).</summary>
    public static string Redact(string text, string secret) =>
        secret.Length == 0 ? text : text.Replace(secret, "***", StringComparison.Ordinal);

    /// <summary>A Retry-After header (delta seconds or an HTTP date) as a wait from <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
