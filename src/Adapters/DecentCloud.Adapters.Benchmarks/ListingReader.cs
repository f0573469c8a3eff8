using System.Text.Json;
using DecentCloud.Application.Signals;
using Microsoft.Extensions.Options;

namespace DecentCloud.Adapters.Benchmarks;

/// <summary>Fetches one listing as JSON, bounded in size; a body that is not JSON is a changed structure, not an empty listing.</summary>
internal sealed class ListingReader(IHttpClientFactory clients, IOptions<ExternalSignalsOptions> options)
{
    /// <summary>The named client the importers use.</summary>
    public const string ClientName = "external-signals";

    public async Task<JsonDocument> GetJsonAsync(Uri url, string what, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var max = options.Value.MaxResponseBytes;
        if (response.Content.Headers.ContentLength > max)
        {
            throw new HttpRequestException($"{what} is larger than {max} bytes");
        }

        // Read at most one byte past the limit, so a listing without a length cannot make us buffer without bound.
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                throw new HttpRequestException($"{what} is larger than {max} bytes");
            }
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException ex)
        {
            throw new ExternalSignalFormatException($"{what} is not JSON ({ex.Message})", ex);
        }
    }
}
