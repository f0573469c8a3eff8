using System.Net;
using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Domain.Agents;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Api.Client.Tests;

public sealed class SigningHandlerTests
{
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Nonce = Guid.Parse("6f1c1f5e-4e8a-4b2a-9a43-3c2b9a5d7e10");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Uri Register = new("https://api.decent-cloud.org/api/v1/agents/gateway/register");

    [Fact]
    public async Task The_headers_match_the_known_vector()
    {
        var body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}");
        var headers = (await RequestSignature.CreateHeadersAsync(
            new SeedSigner(Seed), SignerRole.Agent, "POST", Register, body, Now, Nonce, Ct)).ToDictionary(h => h.Key, h => h.Value);

        Assert.Equal("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8", headers["X-Agent-Pubkey"]);
        Assert.Equal("1795608000000000000", headers["X-Timestamp"]);
        Assert.Equal("6f1c1f5e-4e8a-4b2a-9a43-3c2b9a5d7e10", headers["X-Nonce"]);
        Assert.Equal("2", headers["X-Signature-Version"]);
        Assert.Equal(SignatureVectorTests.Signature, headers["X-Signature"]);
    }

    // Computed independently with @noble/curves: ed25519ph.sign(timestamp‖nonce‖"POST"‖path‖body, seed 00..1f, { context: "decent-cloud" }).
    private const string KnownSignature =
        "c52a39a7e32c3e2c511c54bd84f0f50da8be4f36a22417df1cf7a393e480f51bf76b6bd97b681f49c42c5dc21bc4e00979f95790bb2be1d1fc5732c85c54a803";

    [Fact]
    public void The_legacy_message_still_matches_its_known_vector()
    {
        // The API verifies legacy signatures until its cut-off, so the legacy message must not drift either.
        var body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}");
        var message = RequestSignature.Message("1795608000000000000", Nonce.ToString("D"), "POST", "/api/v1/agents/gateway/register", body);
        Assert.Equal(KnownSignature, Convert.ToHexStringLower(Ed25519ph.Sign(Seed, message)));
    }

    [Fact]
    public async Task A_request_signer_from_a_function_signs_the_same_vector()
    {
        var signer = new RequestSigner(Ed25519ph.PublicKeyFromSeed(Seed), m => Ed25519ph.Sign(Seed, m.Span));
        var body = Encoding.UTF8.GetBytes("{\"dcId\":\"dc-a\"}");
        var headers = await RequestSignature.CreateHeadersAsync(signer, SignerRole.Agent, "POST", Register, body, Now, Nonce, Ct);
        Assert.Equal(SignatureVectorTests.Signature, headers.Single(h => h.Key == "X-Signature").Value);
        Assert.Throws<ArgumentException>(() => new RequestSigner(new byte[31], _ => []));
    }

    [Fact]
    public async Task The_message_is_the_one_the_api_verifies()
    {
        // The server rebuilds the message with the domain's SignedRequest; both sides must agree byte for byte.
        var body = Encoding.UTF8.GetBytes("{\"status\":\"provisioning\"}");
        var uri = new Uri("https://api.example:8443/api/v1/provider/rental-requests/ab/provisioning?at=1");
        var headers = (await RequestSignature.CreateHeadersAsync(
            new SeedSigner(Seed), SignerRole.Device, "put", uri, body, Now, Nonce, Ct)).ToDictionary(h => h.Key, h => h.Value);
        var server = SignedRequest.V2(headers["X-Timestamp"], headers["X-Nonce"], "PUT", "api.example:8443", "/api/v1/provider/rental-requests/ab/provisioning", "at=1", body);

        Assert.False(headers.ContainsKey("X-Agent-Pubkey"));
        Assert.True(server.CheckFreshness(Now).IsSuccess);
        Assert.Equal(server.SigningMessage(), RequestSignature.MessageV2("PUT", "api.example:8443", "/api/v1/provider/rental-requests/ab/provisioning", "at=1", headers["X-Timestamp"], headers["X-Nonce"], body));
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(headers["X-Public-Key"]), server.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));

        // The legacy message of both sides still agrees too (the API verifies it until the cut-off).
        var legacy = new SignedRequest(headers["X-Timestamp"], headers["X-Nonce"], "PUT", "/api/v1/provider/rental-requests/ab/provisioning", body);
        Assert.Equal(legacy.SigningMessage(), RequestSignature.Message(headers["X-Timestamp"], headers["X-Nonce"], "PUT", "/api/v1/provider/rental-requests/ab/provisioning", body));
    }

    [Fact]
    public async Task The_handler_signs_the_bytes_it_sends_with_the_host_the_base_path_and_the_query()
    {
        var wire = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(new SigningHandler(new SeedSigner(Seed), SignerRole.Agent, new FakeTimeProvider(Now)) { InnerHandler = wire })
        {
            BaseAddress = new Uri("https://api.example/prefix/"),
        };
        using var content = new StringContent("{\"instances\":[]}", Encoding.UTF8, "application/json");

        await http.PostAsync("api/v1/providers/p/reconcile?x=1", content, Ct);

        var (request, body, headers) = Assert.Single(wire.Sent);
        Assert.Equal("{\"instances\":[]}", Encoding.UTF8.GetString(body));
        Assert.Equal("application/json; charset=utf-8", request.Content!.Headers.ContentType!.ToString());
        var signed = SignedRequest.V2(headers["X-Timestamp"], headers["X-Nonce"], "POST", "api.example", "/prefix/api/v1/providers/p/reconcile", "x=1", body);
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(headers["X-Agent-Pubkey"]), signed.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));
        Assert.Equal(RequestSignature.Timestamp(Now), headers["X-Timestamp"]);
        foreach (var other in new[] { signed with { Query = "x=2" }, signed with { Host = "api.example:8443" }, signed with { Path = "/api/v1/providers/p/reconcile" } })
        {
            Assert.False(Ed25519ph.Verify(Convert.FromHexString(headers["X-Agent-Pubkey"]), other.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));
        }
    }

    [Fact]
    public async Task A_resent_request_is_signed_again_with_a_fresh_nonce()
    {
        var signer = new SeedSigner(Seed);
        var wire = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var handler = new SigningHandler(signer, SignerRole.Agent) { InnerHandler = wire };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://api.example/api/v1/contracts/c/terminated")
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };

        await invoker.SendAsync(request, Ct);
        await invoker.SendAsync(request, Ct);

        Assert.Equal(2, signer.Signatures);
        Assert.NotEqual(wire.Sent[0].Headers["X-Nonce"], wire.Sent[1].Headers["X-Nonce"]);
        Assert.Single(request.Headers.GetValues("X-Signature"));
        Assert.Equal(wire.Sent[0].Body, wire.Sent[1].Body);
    }

    [Fact]
    public async Task A_relative_uri_is_refused_rather_than_signed_with_a_guessed_path()
    {
        using var handler = new SigningHandler(new SeedSigner(Seed), SignerRole.Agent) { InnerHandler = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)) };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        await Assert.ThrowsAsync<InvalidOperationException>(() => invoker.SendAsync(request, Ct));
    }
}
