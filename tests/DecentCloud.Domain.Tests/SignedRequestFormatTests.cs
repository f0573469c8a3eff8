using System.Text;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Domain.Tests;

/// <summary>The canonical (v2) signed message binds each part of the request on its own; the legacy one does not.</summary>
public sealed class SignedRequestFormatTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Timestamp = ((Now - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);
    private static readonly string Nonce = Guid.NewGuid().ToString("D");

    private static SignedRequest V2(string path, string body, string query = "", string host = "api.example", string method = "POST") =>
        SignedRequest.V2(Timestamp, Nonce, method, host, path, query, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_legacy_message_cannot_tell_a_path_from_the_body_and_v2_can()
    {
        var legacyA = new SignedRequest(Timestamp, Nonce, "POST", "/api/v1/contracts/abc", Encoding.UTF8.GetBytes("def"));
        var legacyB = new SignedRequest(Timestamp, Nonce, "POST", "/api/v1/contracts/abcd", Encoding.UTF8.GetBytes("ef"));
        Assert.Equal(legacyA.SigningMessage(), legacyB.SigningMessage());

        Assert.NotEqual(V2("/api/v1/contracts/abc", "def").SigningMessage(), V2("/api/v1/contracts/abcd", "ef").SigningMessage());
    }

    [Fact]
    public void V2_covers_the_query_the_host_and_the_method()
    {
        var signed = V2("/api/v1/x", "{}", query: "a=1").SigningMessage();
        Assert.NotEqual(signed, V2("/api/v1/x", "{}", query: "a=2").SigningMessage());
        Assert.NotEqual(signed, V2("/api/v1/x", "{}", query: "a=1", host: "staging.example").SigningMessage());
        Assert.NotEqual(signed, V2("/api/v1/x", "{}", query: "a=1", method: "PUT").SigningMessage());
        Assert.Equal(signed, V2("/api/v1/x", "{}", query: "a=%31", host: "API.example", method: "post").SigningMessage());
    }

    [Fact]
    public void A_newline_smuggled_into_a_field_cannot_shift_the_others()
    {
        var lines = Encoding.UTF8.GetString(V2("/a\nPOST", "{}", query: "x\ny").SigningMessage()).Split('\n');
        Assert.Equal(8, lines.Length);
        Assert.Equal(["/a%0APOST", "x%0Ay"], lines[3..5]);
        Assert.True(V2("/a", "{}", host: "api.example\nPOST").CheckFreshness(Now).IsFailed);
        Assert.True(V2("/a", "{}", method: "PO ST").CheckFreshness(Now).IsFailed);
        Assert.True(V2("/a", "{}").CheckFreshness(Now).IsSuccess);
    }

    [Fact]
    public void A_legacy_request_is_accepted_until_its_cut_off_and_refused_from_it()
    {
        var legacy = new SignedRequest(Timestamp, Nonce, "GET", "/", Array.Empty<byte>());
        Assert.True(legacy.CheckFreshness(Now).IsSuccess);
        Assert.True((legacy with { LegacyAcceptedUntil = Now.AddSeconds(1) }).CheckFreshness(Now).IsSuccess);
        var refused = (legacy with { LegacyAcceptedUntil = Now }).CheckFreshness(Now);
        Assert.Equal("legacy_signature", Assert.IsType<DecentCloud.Domain.Common.DomainError>(refused.Errors[0]).Code);
        Assert.True(V2("/", "", method: "GET").CheckFreshness(Now).IsSuccess);
    }
}
