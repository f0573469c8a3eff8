namespace DecentCloud.Api.Client;

/// <summary>
/// Signs every request it sends (see <see cref="RequestSignature"/>). The body is buffered once so the
/// bytes signed are the bytes sent; a retry through the same handler gets a fresh timestamp, nonce and
/// signature, because the API refuses a nonce seen before.
/// </summary>
public sealed class SigningHandler : DelegatingHandler
{
    private readonly IRequestSigner _signer;
    private readonly SignerRole _role;
    private readonly TimeProvider _time;

    /// <summary>A handler signing with <paramref name="signer"/> in <paramref name="role"/>.</summary>
    public SigningHandler(IRequestSigner signer, SignerRole role, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        _signer = signer;
        _role = role;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("the request has no URI");
        if (!uri.IsAbsoluteUri)
        {
            throw new InvalidOperationException("a signed request needs an absolute URI (set the client's BaseAddress)");
        }

        var body = await BufferAsync(request, cancellationToken);
        foreach (var name in RequestSignature.HeaderNames)
        {
            request.Headers.Remove(name);
        }

        // A Host header the caller set is what the server sees, so it is what gets signed.
        var host = request.Headers.Host ?? RequestSignature.HostOf(uri);
        var headers = await RequestSignature.CreateHeadersAsync(
            _signer, _role, request.Method.Method, host, uri.AbsolutePath, uri.Query.TrimStart('?'), body, _time.GetUtcNow(), Guid.NewGuid(), cancellationToken);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<byte[]> BufferAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is null)
        {
            return [];
        }

        if (request.Content.GetType() == typeof(ByteArrayContent))
        {
            // Already bytes (a retry of this request, or a caller that buffered): reading it again is free.
            return await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        // Serialising content (JSON streamed by Refit) is read once and replaced by its bytes, keeping its headers.
        var bytes = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var replacement = new ByteArrayContent(bytes);
        foreach (var header in request.Content.Headers)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content.Dispose();
        request.Content = replacement;
        return bytes;
    }
}
