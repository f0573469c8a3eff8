using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Api.Client;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Api.Tests;

/// <summary>A user with an account (seed + one device) and helpers to drive contracts through the real routes.</summary>
internal sealed class TestUser
{
    public TestUser()
    {
        AccountSeed = RandomNumberGenerator.GetBytes(32);
        DeviceSeed = RandomNumberGenerator.GetBytes(32);
        Device = new TestKey(DeviceSeed);
    }

    public byte[] AccountSeed { get; }

    public byte[] DeviceSeed { get; }

    public TestKey Device { get; }

    public string CredentialKeyHex => Convert.ToHexStringLower(X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(AccountSeed)));

    /// <summary>A request signed by a device key: the agents' scheme with <c>X-Public-Key</c>.</summary>
    public static HttpRequestMessage Signed(TestKey device, HttpMethod method, string path, string? body = null, Guid? nonce = null) =>
        ApiFactory.Signed(device, method, path, body, nonce, role: SignerRole.Device);

    public HttpRequestMessage Signed(HttpMethod method, string path, string? body = null) => Signed(Device, method, path, body);
}

/// <summary>Shared steps of the protocol tests.</summary>
internal static class Protocol
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task RegisterAsync(HttpClient client, TestUser user)
    {
        var (status, _) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/accounts", $"{{\"credentialKey\":\"{user.CredentialKeyHex}\",\"label\":\"laptop\"}}"));
        Assert.Equal(HttpStatusCode.Created, status);
    }

    /// <summary>Requests a contract as the user, then accepts and pays it as the operator; returns its id.</summary>
    public static async Task<string> PaidContractAsync(ApiFactory factory, HttpClient client, TestUser user, string provider, string pool, bool pay = true)
    {
        // A contract must name an existing pool of the provider; issuing a setup token creates the pool when missing.
        Assert.True((await factory.SendAsync(new DecentCloud.Application.Agents.CreateSetupToken(pool, provider, null, null))).IsSuccess);
        var body = $$"""
            {"providerId":"{{provider}}","pool":"{{pool}}","offeringId":"small","cores":2,"memoryMb":2048,"storageGb":20,
             "sshPublicKey":"{{SshKey}}","durationSeconds":3600,"priceE8s":100000000}
            """;
        var (status, created) = await SendAsync(client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body));
        Assert.Equal(HttpStatusCode.Created, status);
        var id = created.GetProperty("contractId").GetString()!;
        var contractId = ContractId.FromHex(id).Value;
        Assert.True((await factory.SendAsync(new ChangeContractState(contractId, ContractState.Accepted, "test", "accepted"))).IsSuccess);
        if (pay)
        {
            Assert.True((await factory.SendAsync(new MarkContractPaid(contractId, "test"))).IsSuccess);
        }

        return id;
    }

    public const string SshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@laptop";

    /// <summary>The contract <see cref="PaidContractAsync"/> requests, as the client package's record.</summary>
    public static ContractRequest SmallContract(string provider, string pool) => new(provider, pool, "small", 2, 2048, 20, SshKey, 3600, 100_000_000);

    public static string Envelope(TestUser user, string contractId, string password, params byte[][] extraDevicePublicKeys)
    {
        var recipients = new List<CredentialRecipient>
        {
            new(RecipientKind.Account, Convert.FromHexString(user.CredentialKeyHex)),
            new(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(user.Device.PublicKey)),
        };
        recipients.AddRange(extraDevicePublicKeys.Select(k => new CredentialRecipient(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(k))));
        return CredentialEnvelope.Seal(password, ContractId.FromHex(contractId).Value, recipients);
    }
}
