using System.Net.Http.Headers;

namespace DecentCloud.Api.Http;

/// <summary>Why a body was not read.</summary>
internal enum BodyRefusal
{
    None,
    TooLarge,
    UnsupportedMediaType,
}

/// <summary>Reads a request body up to a limit, refusing other media types than JSON.</summary>
internal static class RequestBody
{
    public static async Task<(byte[] Body, BodyRefusal Refusal)> ReadJsonAsync(HttpRequest request, int maxBytes, bool requireContentType, CancellationToken cancellationToken)
    {
        if (!IsJsonOrAbsent(request.ContentType, requireContentType))
        {
            return ([], BodyRefusal.UnsupportedMediaType);
        }

        if (request.ContentLength > maxBytes)
        {
            return ([], BodyRefusal.TooLarge);
        }

        // A chunked body has no length up front, so the limit is enforced while reading.
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return ([], BodyRefusal.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), BodyRefusal.None);
    }

    private static bool IsJsonOrAbsent(string? contentType, bool required)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return !required;
        }

        return MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && (string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || (parsed.MediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false))
            && (parsed.CharSet is null || string.Equals(parsed.CharSet.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
