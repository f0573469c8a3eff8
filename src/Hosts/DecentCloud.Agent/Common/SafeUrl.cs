namespace DecentCloud.Agent.Common;

/// <summary>
/// The URLs the agent talks to or writes into files: absolute, https (plain http only to a loopback host, where
/// nothing crosses a network), no user info, and only the characters a URL may hold unescaped, so a value can never
/// carry a newline, a quote, a brace or a space into a file or a header.
/// </summary>
internal static class SafeUrl
{
    /// <summary>Why <paramref name="url"/> is refused, naming it as <paramref name="what"/>; <c>null</c> when it is fine.</summary>
    public static string? Problem(string? url, string what)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || !url.All(IsUrlChar))
        {
            return $"the {what} must be an absolute URL of printable characters without spaces, quotes or braces";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return $"the {what} '{url}' is not an absolute http(s) URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return $"the {what} must not carry a user name or password";
        }

        return uri.Scheme == "http" && !uri.IsLoopback
            ? $"the {what} '{url}' must use https: plain http is accepted only to a loopback host (localhost, 127.0.0.1, ::1)"
            : null;
    }

    /// <summary>Throws <see cref="InvalidDataException"/> with the reason when <paramref name="url"/> is refused.</summary>
    public static void Require(string? url, string what)
    {
        if (Problem(url, what) is { } problem)
        {
            throw new InvalidDataException(problem);
        }
    }

    // RFC 3986 unreserved, reserved and '%' (escapes); nothing else, so no control character, space, quote, brace,
    // backslash, '<', '>', '^', '`' or '|'. '$' is left out too: Caddy expands {$VAR} and shells expand $VAR.
    private static bool IsUrlChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
            or '-' or '.' or '_' or '~' or ':' or '/' or '?' or '#' or '[' or ']' or '@' or '!' or '&' or '(' or ')' or '*' or '+' or ',' or ';' or '=' or '%';
}
