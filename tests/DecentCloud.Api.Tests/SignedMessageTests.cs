using System.Net;
using System.Text;
using DecentCloud.Api.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Api.Tests;

/// <summary>
/// The signed message must bind every part of the request the API acts on: a signature made for one request
/// must not verify for another one built from the same bytes split differently, another query or another host.
/// </summary>
public sealed class SignedMessageTests : IAsyncLifetime
{
    private ApiFactory _factory = null!;
    private HttpClient _client = null!;
    private TestUser _user = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = new ApiFactory();
        _client = _factory.CreateClient();
        _user = new TestUser();
        await Protocol.RegisterAsync(_client, _user);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A request to <paramref name="pathAndQuery"/> carrying the signature headers of <paramref name="signed"/>.</summary>
    private static HttpRequestMessage Replay(HttpRequestMessage signed, HttpMethod method, string pathAndQuery, string? body = null)
    {
        var request = new HttpRequestMessage(method, pathAndQuery);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        }

        foreach (var header in signed.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return request;
    }

    [Fact]
    public async Task A_signature_for_one_path_does_not_verify_for_a_shorter_path_with_the_rest_moved_into_the_body()
    {
        var id = Guid.NewGuid().ToString("D");
        var path = "/api/v1/contracts/" + id;
        var signed = _user.Signed(HttpMethod.Get, path);

        // Same bytes, split differently: the last four characters of the path become the body.
        var crafted = Replay(signed, HttpMethod.Get, path[..^4], path[^4..]);
        var (status, _) = await Protocol.SendAsync(_client, crafted);
        Assert.True(status == HttpStatusCode.Unauthorized, $"a signature for GET {path} was accepted for GET {path[..^4]} + body '{path[^4..]}': {(int)status}");

        // The untouched request passes the signature check (the endpoint then refuses the made-up id itself).
        var (original, problem) = await Protocol.SendAsync(_client, signed);
        Assert.NotEqual(HttpStatusCode.Unauthorized, original);
        Assert.NotEqual("invalid_signature", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_signature_does_not_verify_for_a_changed_query_string()
    {
        var path = "/api/v1/contracts/" + Guid.NewGuid().ToString("D");
        var signed = _user.Signed(HttpMethod.Get, path);
        var (status, _) = await Protocol.SendAsync(_client, Replay(signed, HttpMethod.Get, path + "?owner=someone-else"));
        Assert.True(status == HttpStatusCode.Unauthorized, $"a signature without a query was accepted with ?owner=someone-else: {(int)status}");
    }

    [Fact]
    public async Task A_signature_does_not_verify_for_another_host()
    {
        var path = "/api/v1/contracts/" + Guid.NewGuid().ToString("D");
        var signed = _user.Signed(HttpMethod.Get, path);
        var moved = Replay(signed, HttpMethod.Get, path);
        moved.Headers.Host = "staging.decent-cloud.test";
        var (status, _) = await Protocol.SendAsync(_client, moved);
        Assert.True(status == HttpStatusCode.Unauthorized, $"a signature made for host localhost was accepted for staging.decent-cloud.test: {(int)status}");
    }

    /// <summary>A request signed the way agents did before format 2: legacy message, no version header.</summary>
    private static HttpRequestMessage LegacySigned(TestKey device, HttpMethod method, string path)
    {
        var timestamp = RequestSignature.Timestamp(DateTimeOffset.UtcNow);
        var nonce = Guid.NewGuid().ToString("D");
        var message = RequestSignature.Message(timestamp, nonce, method.Method, path, []);
        var signature = device.SignAsync(message, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(RequestSignature.DeviceKeyHeader, device.PublicKeyHex);
        request.Headers.Add(RequestSignature.TimestampHeader, timestamp);
        request.Headers.Add(RequestSignature.NonceHeader, nonce);
        request.Headers.Add(RequestSignature.SignatureHeader, Convert.ToHexStringLower(signature));
        return request;
    }

    [Fact]
    public async Task A_signature_with_a_query_verifies_for_that_query()
    {
        var path = "/api/v1/contracts/" + Guid.NewGuid().ToString("D") + "?view=full&note=caf%c3%a9";
        var (status, problem) = await Protocol.SendAsync(_client, _user.Signed(HttpMethod.Get, path));
        Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        Assert.NotEqual("invalid_signature", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_signature_version_is_refused()
    {
        var request = _user.Signed(HttpMethod.Get, "/api/v1/contracts/" + Guid.NewGuid().ToString("D"));
        request.Headers.Remove(RequestSignature.VersionHeader);
        request.Headers.Add(RequestSignature.VersionHeader, "3");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Protocol.SendAsync(_client, request)).Status);
    }

    [Fact]
    public async Task A_legacy_signature_is_accepted_before_the_cut_off_and_its_key_logged_once()
    {
        var logs = new CapturedLogs();
        using var client = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(logs)))).CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var (status, problem) = await Protocol.SendAsync(client, LegacySigned(_user.Device, HttpMethod.Get, "/api/v1/contracts/" + Guid.NewGuid().ToString("D")));
            Assert.NotEqual(HttpStatusCode.Unauthorized, status);
            Assert.NotEqual("invalid_signature", problem.GetProperty("code").GetString());
        }

        var warnings = logs.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("legacy signature format", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains(_user.Device.PublicKeyHex, warning, StringComparison.Ordinal);
        Assert.Contains("2027-03-01", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_signature_is_refused_from_the_cut_off()
    {
        await using var factory = new ApiFactory(new() { ["DC_LEGACY_SIGNATURE_CUTOFF"] = "2026-01-01T00:00:00Z" });
        var client = factory.CreateClient();
        var user = new TestUser();
        await Protocol.RegisterAsync(client, user);
        var (status, problem) = await Protocol.SendAsync(client, LegacySigned(user.Device, HttpMethod.Get, "/api/v1/contracts/" + Guid.NewGuid().ToString("D")));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_signature", problem.GetProperty("code").GetString());
    }
}
