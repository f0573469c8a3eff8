using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>What users and the operator do against an API process: admin verbs, accounts, paid contracts, signed user calls.</summary>
internal sealed class PlatformClient(string apiUrl, Func<Dictionary<string, string>> apiEnvironment, string dir, HttpClient http)
{
    public async Task<string> AdminAsync(params string[] args)
    {
        var result = await Programs.RunAsync(Programs.Tool("dotnet"), [Programs.ApiDll, "admin", .. args], apiEnvironment(), dir);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Trim();
    }

    /// <summary>A registered user with an account seed and one device key.</summary>
    public async Task<EndUser> NewUserAsync()
    {
        var user = new EndUser(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var credentialKey = Convert.ToHexStringLower(X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(user.AccountSeed)));
        await UserAsync(user, HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{credentialKey}\"}}");
        return user;
    }

    /// <summary>Requests a contract as the user, accepts and pays it with the admin verbs; returns its id.</summary>
    public async Task<string> PaidContractAsync(EndUser user, string provider, string pool, string? instanceConfig = null)
    {
        var config = instanceConfig is null ? string.Empty : $",\"instanceConfig\":{JsonSerializer.Serialize(instanceConfig)}";
        var body = $$"""
            {"providerId":"{{provider}}","pool":"{{pool}}","offeringId":"cx22","cores":2,"memoryMb":4096,"storageGb":40,
             "sshPublicKey":"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop","durationSeconds":86400,"priceE8s":250000000{{config}}}
            """;
        var id = (await UserAsync(user, HttpMethod.Post, "/api/v1/contracts", body)).GetProperty("contractId").GetString()!;
        await AdminAsync("contract", "accept", "--contract", id);
        await AdminAsync("contract", "paid", "--contract", id);
        return id;
    }

    public Task<JsonElement> UserAsync(EndUser user, HttpMethod method, string path, string? body = null) =>
        SignedAsync(user.Device, method, path, body);

    /// <summary>
    /// A request signed with <paramref name="key"/> under the account scheme (<c>X-Public-Key</c>, <c>X-Timestamp</c>,
    /// <c>X-Nonce</c>, <c>X-Signature</c>): a user's device key, or an operator's key named in <c>DC_ADMIN_PUBLIC_KEYS</c>.
    /// </summary>
    public async Task<JsonElement> SignedAsync(AgentSigner key, HttpMethod method, string path, string? body = null)
    {
        var (status, text) = await SendSignedAsync(key, method, path, body);
        Assert.True((int)status is >= 200 and < 300, $"{method} {path}: {(int)status} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>As <see cref="SignedAsync"/>, for a call that may be refused: the status and the body's text, whatever they are.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> SendSignedAsync(AgentSigner key, HttpMethod method, string path, string? body = null)
    {
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        using var request = new HttpRequestMessage(method, apiUrl + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        foreach (var (name, value) in key.Sign(method.Method, request.RequestUri!, bytes, DateTimeOffset.UtcNow, Guid.NewGuid()))
        {
            request.Headers.Add(name == "X-Agent-Pubkey" ? "X-Public-Key" : name, value);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<JsonElement> ContractAsync(EndUser user, string id) => UserAsync(user, HttpMethod.Get, $"/api/v1/contracts/{id}");

    /// <summary>
    /// Delivers a webhook as Stripe and ICPay sign theirs: <paramref name="header"/> is <c>t={unix seconds},v1={hex}</c>, the
    /// HMAC-SHA256 of <c>"{t}.{body}"</c> under <paramref name="secret"/>. Returns the receipt; anything but a 2xx fails.
    /// </summary>
    public async Task<JsonElement> WebhookAsync(string path, string header, string secret, string body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mac = System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        using var request = new HttpRequestMessage(HttpMethod.Post, apiUrl + path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(header, $"t={t},v1={Convert.ToHexStringLower(mac)}");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
