using DecentCloud.Adapters.Crypto;

namespace DecentCloud.Api.Client.Tests;

/// <summary>An <see cref="IRequestSigner"/> on the Crypto adapter's Ed25519ph, as a DecentCloud host wires one.</summary>
internal sealed class SeedSigner(byte[] seed) : IRequestSigner
{
    public int Signatures { get; private set; }

    public ReadOnlyMemory<byte> PublicKey { get; } = Ed25519ph.PublicKeyFromSeed(seed);

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        Signatures++;
        return ValueTask.FromResult(Ed25519ph.Sign(seed, message.Span));
    }
}

/// <summary>The last handler: records what reached the wire and answers with a canned reply.</summary>
internal sealed class RecordingHandler(Func<HttpRequestMessage, HttpResponseMessage> reply) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, byte[] Body, Dictionary<string, string> Headers)> Sent { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Sent.Add((request, body, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value))));
        var response = reply(request);
        response.RequestMessage = request;
        return response;
    }
}
