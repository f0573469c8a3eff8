using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Application.Admin;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>Admin requests: the device signature scheme, a key of the configured list, no account.</summary>
public class AdminAuthenticationTests
{
    private const string Host = "api.decent-cloud.test";
    private const string Path = "/api/v1/admin/books";

    private static readonly AgentSigner Admin = new(RandomNumberGenerator.GetBytes(32));

    private static Task<AppHarness> AppAsync(params string[] adminKeys) =>
        AppHarness.CreateAsync(configureServices: s => s.Configure<AdminOptions>(o =>
        {
            foreach (var key in adminKeys)
            {
                o.PublicKeys.Add(key);
            }
        }));

    private static AuthenticateAdminRequest Request(AgentSigner signer, DateTimeOffset at, Guid? nonce = null, string path = Path)
    {
        var h = signer.Sign("GET", new Uri("https://" + Host + path), ReadOnlyMemory<byte>.Empty, at, nonce ?? Guid.NewGuid()).ToDictionary(x => x.Key, x => x.Value);
        return new AuthenticateAdminRequest(
            h["X-Agent-Pubkey"], h["X-Signature"], SignedRequest.V2(h["X-Timestamp"], h["X-Nonce"], "GET", Host, path, string.Empty, ReadOnlyMemory<byte>.Empty));
    }

    private static (ErrorKind Kind, string Code, string Outcome) Refusal(IResultBase result) =>
        (result.FirstDomainError().Kind, result.FirstDomainError().Code, Application.Common.AuditNote.OutcomeOf(result));

    [Fact]
    public async Task A_listed_key_authenticates_whatever_the_case_it_is_configured_in()
    {
        await using var app = await AppAsync(Admin.PublicKeyHex.ToUpperInvariant());
        var principal = await app.SendAsync(Request(Admin, app.Time.GetUtcNow()));
        Assert.Equal(Admin.PublicKeyHex, principal.Value.PublicKeyHex);
    }

    [Fact]
    public async Task A_valid_signature_of_an_unlisted_key_is_forbidden_and_spends_no_nonce()
    {
        await using var app = await AppAsync(Admin.PublicKeyHex);
        var stranger = new AgentSigner(RandomNumberGenerator.GetBytes(32));
        var nonce = Guid.NewGuid();
        Assert.Equal((ErrorKind.Forbidden, "not_admin", "not_admin"), Refusal(await app.SendAsync(Request(stranger, app.Time.GetUtcNow(), nonce))));

        // Listed afterwards, the same key may still use the nonce: the refusal stored nothing.
        await using var scope = app.Scope();
        var nonces = scope.ServiceProvider.GetRequiredService<Application.Agents.INonceStore>();
        Assert.True(await nonces.TryRememberAsync(AgentPublicKey.FromHex(stranger.PublicKeyHex).Value, nonce.ToString("D"), app.Time.GetUtcNow().AddMinutes(10), CancellationToken.None));
    }

    [Fact]
    public async Task Replayed_stale_and_bad_signatures_are_unauthorized_with_the_reason_for_the_audit()
    {
        await using var app = await AppAsync(Admin.PublicKeyHex);
        var now = app.Time.GetUtcNow();
        var first = Request(Admin, now);
        Assert.True((await app.SendAsync(first)).IsSuccess);
        Assert.Equal((ErrorKind.Unauthorized, "invalid_signature", "replayed_nonce"), Refusal(await app.SendAsync(first)));
        Assert.Equal((ErrorKind.Unauthorized, "invalid_signature", "stale"), Refusal(await app.SendAsync(Request(Admin, now.AddMinutes(-6)))));

        // Signed for another path: the signature does not cover this request.
        var moved = Request(Admin, now, path: "/api/v1/admin/payouts") with { Request = Request(Admin, now).Request };
        Assert.Equal((ErrorKind.Unauthorized, "invalid_signature", "bad_signature"), Refusal(await app.SendAsync(moved)));
        Assert.Equal((ErrorKind.Unauthorized, "invalid_signature", "malformed"), Refusal(await app.SendAsync(first with { SignatureHex = null })));
        Assert.Equal((ErrorKind.Unauthorized, "invalid_signature", "malformed"), Refusal(await app.SendAsync(first with { Request = null })));
    }

    [Fact]
    public async Task Without_admin_keys_every_request_is_forbidden_saying_so()
    {
        await using var app = await AppAsync();
        foreach (var request in new[] { Request(Admin, app.Time.GetUtcNow()), new AuthenticateAdminRequest(null, null, null) })
        {
            var result = await app.SendAsync(request);
            Assert.Equal((ErrorKind.Forbidden, "admin_not_configured", "not_configured"), Refusal(result));
            Assert.Contains("not configured", result.FirstDomainError().Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_name_a_bad_entry_by_its_position_only()
    {
        var options = new AdminOptions();
        options.PublicKeys.Add(Admin.PublicKeyHex.ToUpperInvariant());
        options.PublicKeys.Add("not-a-key-but-a-secret");
        var failures = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).ToList();
        var failure = Assert.Single(failures);
        Assert.Equal(("entry 2 is not a 64-hex Ed25519 public key.", "PublicKeys"), (failure.ErrorMessage, Assert.Single(failure.MemberNames)));
        Assert.Empty(new AdminOptions().Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
