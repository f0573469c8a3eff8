using System.Text.Json;

namespace DecentCloud.Application.Wallet;

/// <summary>Small readers over a webhook's JSON that answer <c>null</c> for a missing or mistyped field instead of throwing.</summary>
internal static class WebhookPayload
{
    /// <summary>Follows <paramref name="path"/> through nested objects.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>The string at <paramref name="path"/>, or <c>null</c>.</summary>
    public static string? Text(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>The integer at <paramref name="path"/>, or <c>null</c>.</summary>
    public static long? Integer(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;

    /// <summary>An account id written as a GUID, or <c>null</c>.</summary>
    public static Guid? AccountId(string? text) => Guid.TryParse(text, out var id) && id != Guid.Empty ? id : null;
}
