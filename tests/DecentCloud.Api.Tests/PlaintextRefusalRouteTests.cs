using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>A provisioned report can carry no plaintext: the envelope is checked field by field and stored canonically; details are an allow-list.</summary>
public sealed class PlaintextRefusalRouteTests : ApiRouteTest
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private async Task<(TestUser User, TestKey Agent, string Id)> LeasedAsync()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Post, $"/api/v1/providers/{Provider}/contracts/{id}/lock"));
        return (user, agent, id);
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> ReportAsync(TestKey agent, string id, string instance, string envelope) =>
        SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning",
            $"{{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"instance\":{instance},\"loginUser\":\"root\",\"credentials\":{envelope}}}"));

    private async Task AssertNothingStoredAsync(TestUser user, string id)
    {
        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("accepted", contract.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("credentialEnvelope").ValueKind);
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("instance").ValueKind);
    }

    private static string Edited(string envelope, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(envelope)!.AsObject();
        edit(json);
        return json.ToJsonString();
    }

    [Theory]
    [InlineData("ciphertext")]
    [InlineData("nonce")]
    [InlineData("recipient")]
    [InlineData("purpose")]
    public async Task An_envelope_that_is_not_ciphertext_for_the_accounts_keys_is_400(string tampered)
    {
        var (user, agent, id) = await LeasedAsync();
        var sealedEnvelope = Envelope(user, id, "first-password-0123456789");
        var bad = tampered switch
        {
            "ciphertext" => Edited(sealedEnvelope, e => e["ciphertext"] = "PLAINTEXT:first-password-0123456789"),
            "nonce" => Edited(sealedEnvelope, e => e["nonce"] = "aGVsbG8="),
            "purpose" => Edited(sealedEnvelope, e => e["purpose"] = "root-password: first-password-0123456789"),
            _ => CredentialEnvelope.Seal("first-password-0123456789", ContractId.FromHex(id).Value,
                [new CredentialRecipient(RecipientKind.Account, X25519Keys.PublicFromSecret(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)))]),
        };

        var (status, _) = await ReportAsync(agent, id, "{\"ipv4\":\"203.0.113.7\"}", bad);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertNothingStoredAsync(user, id);
    }

    [Theory]
    [InlineData("{\"ipv4\":\"203.0.113.7\",\"details\":{\"root_password\":\"first-password-0123456789\"}}")]
    [InlineData("{\"ipv4\":\"203.0.113.7\",\"details\":{\"name\":\"dc-x\",\"cloud_init_password\":\"first-password-0123456789\"}}")]
    [InlineData("{\"ipv4\":\"password=first-password-0123456789\"}")]
    [InlineData("{\"ipv4\":\"203.0.113.7\",\"gatewaySlug\":\"first-password-0123456789 is the password\"}")]
    public async Task Instance_details_outside_the_documented_keys_and_shapes_are_400(string instance)
    {
        var (user, agent, id) = await LeasedAsync();

        var (status, _) = await ReportAsync(agent, id, instance, Envelope(user, id, "first-password-0123456789"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        await AssertNothingStoredAsync(user, id);
    }

    [Fact]
    public async Task The_stored_envelope_and_details_are_canonical_and_still_open()
    {
        var (user, agent, id) = await LeasedAsync();
        var envelope = Envelope(user, id, "first-password-0123456789");
        var spaced = JsonSerializer.Serialize(JsonNode.Parse(envelope), Indented);

        var (status, _) = await ReportAsync(agent, id, "{\"ipv4\":\"203.0.113.7\",\"sshPort\":22,\"details\":{\"name\":\"dc-x\"}}", spaced);

        Assert.Equal(HttpStatusCode.NoContent, status);
        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        var stored = contract.GetProperty("credentialEnvelope").GetString()!;
        Assert.Equal(envelope, stored);
        Assert.Equal("first-password-0123456789", CredentialEnvelope.Open(stored, ContractId.FromHex(id).Value, X25519Keys.SecretFromEd25519Seed(user.DeviceSeed)).Value);
        Assert.Equal("{\"ipv4\":\"203.0.113.7\",\"sshPort\":22,\"details\":{\"name\":\"dc-x\"}}", contract.GetProperty("instance").GetString());
    }
}
