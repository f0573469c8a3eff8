using System.Net.Http.Headers;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.Agent.Common;

/// <summary>A failed API call, with the problem's detail for the user.</summary>
internal sealed class ApiCallException(string message, int? status = null) : Exception(message)
{
    /// <summary>The HTTP status, when the API answered.</summary>
    public int? Status { get; } = status;
}

/// <summary>Calls the DecentCloud API, signing agent requests.</summary>
internal sealed class ApiClient(HttpClient http, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<T> PostAsync<T>(string path, object body, AgentSigner? signer, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Post, path, body, signer, cancellationToken);

    public Task<T> GetAsync<T>(string path, AgentSigner? signer, CancellationToken cancellationToken) =>
        SendAsync<T>(HttpMethod.Get, path, null, signer, cancellationToken);

    /// <summary>Sends a request and reads a JSON reply.</summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, AgentSigner? signer, CancellationToken cancellationToken)
    {
        using var request = Build(method, path, body, signer);
        var text = await SendAsync(request, cancellationToken);
        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new ApiCallException($"{request.RequestUri} returned an empty body.");
    }

    /// <summary>Sends a request whose reply carries nothing the caller needs (204).</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body, AgentSigner? signer, CancellationToken cancellationToken)
    {
        using var request = Build(method, path, body, signer);
        await SendAsync(request, cancellationToken);
    }

    private HttpRequestMessage Build(HttpMethod method, string path, object? body, AgentSigner? signer)
    {
        var bytes = body is null ? [] : JsonSerializer.SerializeToUtf8Bytes(body, Json);
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        Sign(request, bytes, signer);
        return request;
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

    private async Task<string> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
                throw new ApiCallException($"{request.Method} {request.RequestUri} failed with HTTP {(int)response.StatusCode}: {Detail(text)}", (int)response.StatusCode);
            }

            return text;
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
