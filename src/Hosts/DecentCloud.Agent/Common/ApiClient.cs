using System.Net.Http.Headers;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.Agent.Common;

/// <summary>A failed API call, with the problem's detail for the user.</summary>
internal sealed class ApiCallException(string message) : Exception(message);

/// <summary>Calls the DecentCloud API, signing agent requests.</summary>
internal sealed class ApiClient(HttpClient http, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<T> PostAsync<T>(string path, object body, AgentSigner? signer, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        Sign(request, bytes, signer);
        return await SendAsync<T>(request, cancellationToken);
    }

    public async Task<T> GetAsync<T>(string path, AgentSigner? signer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        Sign(request, [], signer);
        return await SendAsync<T>(request, cancellationToken);
    }

    private void Sign(HttpRequestMessage request, byte[] body, AgentSigner? signer)
    {
        if (signer is null)
        {
            return;
        }

        var path = new Uri(http.BaseAddress!, request.RequestUri!).AbsolutePath;
        foreach (var (name, value) in signer.Sign(request.Method.Method, path, body, time.GetUtcNow(), Guid.NewGuid()))
        {
            request.Headers.Add(name, value);
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiCallException($"cannot reach the API at {http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiCallException($"{request.Method} {request.RequestUri} failed with HTTP {(int)response.StatusCode}: {Detail(text)}");
            }

            return JsonSerializer.Deserialize<T>(text, Json) ?? throw new ApiCallException($"{request.RequestUri} returned an empty body.");
        }
    }

    private static string Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    public static HttpClient CreateHttp(string apiUrl)
    {
        var baseUrl = apiUrl.EndsWith('/') ? apiUrl : apiUrl + "/";
        return new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }
}
