using System.Net;
using DecentCloud.Api.Client;
using DecentCloud.Api.Configuration;
using DecentCloud.Application.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The admin routes: signed by a key of <c>DC_ADMIN_PUBLIC_KEYS</c>, every call (refusals too) in the audit trail.</summary>
public sealed class AdminRouteTests : ApiRouteTest
{
    private const string Books = "/api/v1/admin/books";
    private const string Peer = "203.0.113.7";

    private readonly TestKey _admin = TestKey.Random();

    protected override Dictionary<string, string?> Settings => new() { ["DC_ADMIN_PUBLIC_KEYS"] = $"{new string('a', 64)}, {_admin.PublicKeyHex.ToUpperInvariant()}" };

    private static HttpRequestMessage Signed(TestKey key, string path = Books, Guid? nonce = null, DateTimeOffset? at = null) =>
        TestPeer.From(ApiFactory.Signed(key, HttpMethod.Get, path, nonce: nonce, at: at, role: SignerRole.Device), Peer);

    private async Task<AuditEntry> LastAuditAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(1, Ct))[0];
    }

    [Fact]
    public async Task A_call_signed_by_an_admin_key_answers_the_books_and_is_audited_with_its_key_route_and_address()
    {
        using var client = TestPeer.Client(Factory);
        var (status, body) = await SendAsync(client, Signed(_admin, Books + "?limit=5"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("balanced").GetBoolean());
        Assert.Equal(0, body.GetProperty("discrepancies").GetArrayLength());
        var entry = await LastAuditAsync();
        Assert.Equal(("admin GET /api/v1/admin/books", "ok", _admin.PublicKeyHex, Books + "?limit=5", Peer),
            (entry.Action, entry.Outcome, entry.Actor, entry.Subject, entry.ClientAddress));
    }

    [Fact]
    public async Task A_refusal_of_the_route_itself_is_audited_with_its_code()
    {
        using var client = TestPeer.Client(Factory);
        foreach (var limit in new[] { "0", "many" })
        {
            var (status, problem) = await SendAsync(client, Signed(_admin, $"{Books}?limit={limit}"));
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_limit"), (status, problem.GetProperty("code").GetString()));
            var entry = await LastAuditAsync();
            Assert.Equal(("invalid_limit", _admin.PublicKeyHex), (entry.Outcome, entry.Actor));
        }
    }

    [Fact]
    public async Task Other_keys_replays_stale_bad_and_missing_signatures_are_refused_and_each_refusal_is_audited()
    {
        using var client = TestPeer.Client(Factory);
        var stranger = TestKey.Random();
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var nonce = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, Signed(_admin, nonce: nonce))).Status);

        var badSignature = Signed(stranger);
        badSignature.Headers.Remove(RequestSignature.DeviceKeyHeader);
        badSignature.Headers.Add(RequestSignature.DeviceKeyHeader, _admin.PublicKeyHex);
        var legacy = Signed(_admin);
        legacy.Headers.Remove(RequestSignature.VersionHeader);
        var cases = new (string Name, HttpRequestMessage Request, HttpStatusCode Status, string Code, string Outcome, string Actor)[]
        {
            ("unconfigured key", Signed(stranger), HttpStatusCode.Forbidden, "not_admin", "not_admin", stranger.PublicKeyHex),
            ("an account's device key", Signed(user.Device), HttpStatusCode.Forbidden, "not_admin", "not_admin", user.Device.PublicKeyHex),
            ("replayed nonce", Signed(_admin, nonce: nonce), HttpStatusCode.Unauthorized, "invalid_signature", "replayed_nonce", _admin.PublicKeyHex),
            ("stale timestamp", Signed(_admin, at: DateTimeOffset.UtcNow.AddMinutes(-6)), HttpStatusCode.Unauthorized, "invalid_signature", "stale", _admin.PublicKeyHex),
            ("bad signature", badSignature, HttpStatusCode.Unauthorized, "invalid_signature", "bad_signature", _admin.PublicKeyHex),
            ("legacy format", legacy, HttpStatusCode.Unauthorized, "invalid_signature", "malformed", _admin.PublicKeyHex),
            ("no signature", TestPeer.From(new HttpRequestMessage(HttpMethod.Get, Books), Peer), HttpStatusCode.Unauthorized, "invalid_signature", "malformed", string.Empty),
        };
        foreach (var (name, request, expectedStatus, code, outcome, actor) in cases)
        {
            var (status, problem) = await SendAsync(client, request);
            Assert.True(status == expectedStatus && problem.GetProperty("code").GetString() == code, $"{name}: {status} {problem}");
            var entry = await LastAuditAsync();
            Assert.Equal((name, "admin GET /api/v1/admin/books", outcome, actor, Peer), (name, entry.Action, entry.Outcome, entry.Actor, entry.ClientAddress));
        }
    }

    [Fact]
    public async Task An_admin_key_is_no_account_and_signs_no_account_route()
    {
        var (status, problem) = await SendAsync(Client, TestUser.Signed(_admin, HttpMethod.Get, "/api/v1/wallet"));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_signature"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_client_package_signs_with_an_admin_key()
    {
        await using var services = Factory.ClientServices(admin: _admin);
        var books = await services.GetRequiredService<IAdminApi>().GetBooksAsync(limit: 3, Ct);
        Assert.Equal((true, 0), (books.Balanced, books.Discrepancies.Count));

        await using var strangers = Factory.ClientServices(admin: TestKey.Random());
        var refused = await Assert.ThrowsAsync<DecentCloudApiException>(() => strangers.GetRequiredService<IAdminApi>().GetBooksAsync(cancellationToken: Ct));
        Assert.Equal((HttpStatusCode.Forbidden, "not_admin"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task The_client_package_lists_payment_releases_and_a_payout_with_nothing_pending_is_refused()
    {
        await using var services = Factory.ClientServices(admin: _admin);
        var admin = services.GetRequiredService<IAdminApi>();
        var provider = Guid.NewGuid().ToString("D");

        Assert.DoesNotContain(await admin.ListPaymentReleasesAsync(Ct), p => p.ProviderPubkey == provider);
        var refused = await Assert.ThrowsAsync<DecentCloudApiException>(() =>
            admin.RecordPayoutAsync(new ManualPayoutRequest(provider, "2vxsx-fae", "icpay-tx-none", 1_000), Ct));
        Assert.Equal((HttpStatusCode.Conflict, "nothing_pending"), (refused.Status, refused.Code));
    }
}

/// <summary>An API without admin keys refuses every admin call, saying why.</summary>
public sealed class UnconfiguredAdminRouteTests : ApiRouteTest
{
    [Fact]
    public async Task Every_admin_call_is_forbidden_signed_or_not_and_audited()
    {
        foreach (var request in new[] { ApiFactory.Signed(TestKey.Random(), HttpMethod.Get, "/api/v1/admin/books", role: SignerRole.Device), new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/books") })
        {
            var (status, problem) = await SendAsync(Client, request);
            Assert.Equal((HttpStatusCode.Forbidden, "admin_not_configured"), (status, problem.GetProperty("code").GetString()));
            Assert.Contains("not configured", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await using var scope = Factory.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(10, Ct);
        Assert.Equal(["not_configured", "not_configured"], entries.Where(e => e.Action == "admin GET /api/v1/admin/books").Select(e => e.Outcome));
    }
}

/// <summary>Failed admin signatures count towards the failure limits like any signed route's; a valid one is still served.</summary>
public sealed class AdminFailureLimitRouteTests : ApiRouteTest
{
    private readonly TestKey _admin = TestKey.Random();

    protected override Dictionary<string, string?> Settings => new() { ["DC_ADMIN_PUBLIC_KEYS"] = _admin.PublicKeyHex, ["DC_AUTH_FAILURE_LIMIT"] = "2" };

    [Fact]
    public async Task The_third_bad_signature_from_a_client_is_429_and_audited_so_while_the_admin_is_served()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(Client, ApiFactory.Signed(_admin, HttpMethod.Get, "/api/v1/admin/books", at: DateTimeOffset.UtcNow.AddHours(-1), role: SignerRole.Device))).Status);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var entries = await scope.ServiceProvider.GetRequiredService<IAuditLog>().RecentAsync(3, Ct);
            Assert.Equal(["too_many_failures", "stale", "stale"], entries.Select(e => e.Outcome));
        }

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, ApiFactory.Signed(_admin, HttpMethod.Get, "/api/v1/admin/books", role: SignerRole.Device))).Status);
    }

    [Fact]
    public async Task Valid_signatures_of_keys_that_are_no_admins_count_as_failures_too()
    {
        // Anyone can make keys: well-signed calls by unlisted keys must not buy unlimited audited attempts.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(Client, ApiFactory.Signed(TestKey.Random(), HttpMethod.Get, "/api/v1/admin/books", role: SignerRole.Device))).Status);
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], statuses);
    }
}

/// <summary>DC_ADMIN_PUBLIC_KEYS is checked at start and a bad entry named by its position, never shown.</summary>
public sealed class AdminSettingsTests
{
    private static ApiSettings Read(string keys) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DC_ADMIN_PUBLIC_KEYS"] = keys }).Build());

    [Fact]
    public void Keys_are_a_comma_list_of_64_hex_in_either_case_and_none_by_default()
    {
        Assert.Empty(ApiSettings.FromConfiguration(new ConfigurationBuilder().Build()).Admin.PublicKeys);
        Assert.Equal([new string('a', 64), new string('B', 64)], Read($" {new string('a', 64)} ,{new string('B', 64)}").Admin.PublicKeys);
    }

    [Theory]
    [InlineData("private-seed-pasted-by-mistake", "entry 1")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", "entry 2")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,aaaa", "entry 2")]
    public void A_bad_entry_is_named_by_its_position_and_its_text_is_not_shown(string keys, string position)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(keys));
        Assert.Contains($"DC_ADMIN_PUBLIC_KEYS (Admin:PublicKeys): {position} is not a 64-hex Ed25519 public key.", ex.Message, StringComparison.Ordinal);
        foreach (var bad in keys.Split(',').Where(k => k.Length != 64 || !k.All(Uri.IsHexDigit)))
        {
            Assert.DoesNotContain(bad, ex.Message, StringComparison.Ordinal);
        }
    }
}
