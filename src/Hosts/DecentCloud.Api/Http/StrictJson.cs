using System.Text.Json;
using System.Text.Json.Serialization;

namespace DecentCloud.Api.Http;

/// <summary>JSON reading that refuses unknown fields, duplicates and trailing garbage.</summary>
internal static class StrictJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        PropertyNameCaseInsensitive = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The value, or <c>null</c> when the bytes are not exactly one such JSON object.</summary>
    public static T? TryRead<T>(byte[] body)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
