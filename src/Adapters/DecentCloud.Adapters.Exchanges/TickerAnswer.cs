using System.Globalization;
using System.Text.Json;
using DecentCloud.Application.Prices;

namespace DecentCloud.Adapters.Exchanges;

/// <summary>
/// Reads an exchange's answer defensively: an error status, a body that is not JSON, a missing field or a price that is
/// not a plain positive decimal is a <see cref="PriceSourceException"/> naming what was wrong, never a price.
/// </summary>
internal static class TickerAnswer
{
    /// <summary>The longest piece of an answer quoted in a reason.</summary>
    private const int QuoteLength = 80;

    /// <summary>The answer's JSON; throws when the status is not a success or the body is not JSON.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new PriceSourceException($"HTTP {(int)response.StatusCode}: {Quote(body)}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new PriceSourceException($"garbage: not JSON: {Quote(body)}");
        }
    }

    /// <summary>A decimal price written as a JSON string (as every exchange here does): digits with an optional fraction, above zero.</summary>
    public static decimal Price(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String
            || !decimal.TryParse(value.GetString(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price)
            || price <= 0m)
        {
            throw new PriceSourceException($"garbage: {field} is not a positive decimal: {Quote(value.GetRawText())}");
        }

        return price;
    }

    /// <summary>The property <paramref name="name"/> of an object, or a garbage failure naming it.</summary>
    public static JsonElement Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new PriceSourceException($"garbage: no {name} in {Quote(element.GetRawText())}");

    private static string Quote(string text) => text.Length <= QuoteLength ? text : text[..QuoteLength] + "…";
}
