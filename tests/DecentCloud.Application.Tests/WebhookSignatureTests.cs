using System.Text;
using DecentCloud.Application.Wallet;
using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Tests;

/// <summary>The <c>t=…,v1=…</c> scheme of Stripe-Signature and X-ICPay-Signature: HMAC-SHA256 of "{t}.{body}", 300 s either way.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_test_secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"checkout.session.completed"}""");

    [Fact]
    public void A_signature_over_the_exact_body_within_tolerance_passes()
    {
        var header = WebhookSignature.Header(Now.ToUnixTimeSeconds() - 299, Body, Secret);

        Assert.True(WebhookSignature.Verify(header, Body, Secret, Now, WebhookSignature.Tolerance).IsSuccess);
    }

    [Fact]
    public void The_known_vector_matches_an_independent_hmac()
    {
        // HMAC-SHA256("whsec_test_secret", "1700000000.{}") computed outside this code (openssl dgst -sha256 -hmac).
        var header = WebhookSignature.Header(1_700_000_000, "{}"u8, Secret);

        Assert.Equal("t=1700000000,v1=" + Expected("1700000000.{}"), header);
    }

    [Theory]
    [InlineData(-301, "stale_signature")]
    [InlineData(301, "future_signature")]
    public void A_timestamp_outside_the_tolerance_is_refused(int offsetSeconds, string code)
    {
        var header = WebhookSignature.Header(Now.ToUnixTimeSeconds() + offsetSeconds, Body, Secret);

        Assert.Equal(code, Code(WebhookSignature.Verify(header, Body, Secret, Now, WebhookSignature.Tolerance)));
    }

    [Fact]
    public void A_changed_body_or_another_secret_is_a_bad_signature()
    {
        var header = WebhookSignature.Header(Now.ToUnixTimeSeconds(), Body, Secret);
        var changed = Encoding.UTF8.GetBytes("""{"id":"evt_1","object":"event","type":"checkout.session.completed" }""");

        Assert.Equal("bad_signature", Code(WebhookSignature.Verify(header, changed, Secret, Now, WebhookSignature.Tolerance)));
        Assert.Equal("bad_signature", Code(WebhookSignature.Verify(header, Body, "whsec_other", Now, WebhookSignature.Tolerance)));
    }

    [Theory]
    [InlineData(null, "missing_signature")]
    [InlineData("", "missing_signature")]
    [InlineData("v1=00", "malformed_signature")]
    [InlineData("t=1764072000", "malformed_signature")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000", "malformed_signature")]
    [InlineData("t=1764072000,v0=0000000000000000000000000000000000000000000000000000000000000000", "malformed_signature")]
    public void A_missing_or_malformed_header_is_refused(string? header, string code) =>
        Assert.Equal(code, Code(WebhookSignature.Verify(header, Body, Secret, Now, WebhookSignature.Tolerance)));

    [Fact]
    public void Any_one_of_several_v1_values_may_match_as_while_a_secret_rotates()
    {
        var t = Now.ToUnixTimeSeconds();
        var good = WebhookSignature.Header(t, Body, Secret).Split(",v1=")[1];
        var wrong = new string('a', 64);

        Assert.True(WebhookSignature.Verify($"t={t},v1={wrong},v1={good},v0={wrong}", Body, Secret, Now, WebhookSignature.Tolerance).IsSuccess);
        Assert.Equal("bad_signature", Code(WebhookSignature.Verify($"t={t},v1={wrong},v1={new string('b', 64)}", Body, Secret, Now, WebhookSignature.Tolerance)));
    }

    private static string Code(FluentResults.Result result) => Assert.IsType<DomainError>(Assert.Single(result.Errors)).Code;

    private static string Expected(string signed)
    {
        var psi = new System.Diagnostics.ProcessStartInfo("openssl", ["dgst", "-sha256", "-hmac", Secret]) { RedirectStandardInput = true, RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        process.StandardInput.Write(signed);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Trim().Split(' ')[^1];
    }
}
