using System.Text.Json;

namespace DecentCloud.Api.Client;

/// <summary>Turns a non-2xx reply into a <see cref="DecentCloudApiException"/> (Refit's exception factory).</summary>
internal static class ApiErrors
{
    private const int MaxBodyChars = 4096;

    public static async ValueTask<Exception?> FromResponseAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            return null;
        }

        var request = response.RequestMessage;
        var method = request?.Method.Method ?? string.Empty;
        var path = request?.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request?.RequestUri?.OriginalString ?? string.Empty;
        var (code, detail) = Read(await response.Content.ReadAsStringAsync());
        return new DecentCloudApiException(response.StatusCode, code, detail, method, path);
    }

    /// <summary>The code and detail of a problem-details or acme-dns error body; nothing for anything else.</summary>
    internal static (string? Code, string? Detail) Read(string body)
    {
        if (body.Length is 0 or > MaxBodyChars)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(root, "code") ?? Text(root, "error"), Text(root, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
