using System.Net;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The agent protocol through the real HTTP stack: a contract from request to termination, permissions and refusals.</summary>
public sealed class AgentProtocolRouteTests : ApiRouteTest
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";
    private const string Base = "/api/v1/providers/prov-1";
    private static string Provisioned(string envelope, string externalId = "srv-1") => $$$"""
        {"status":"provisioned","externalId":"{{{externalId}}}","instance":{"ipv4":"203.0.113.7","sshPort":22,"details":{"name":"dc-x"}},
         "loginUser":"root","credentials":{{{envelope}}}}
        """;

    [Fact]
    public async Task A_paid_contract_goes_from_request_to_termination_and_the_password_opens_on_every_key()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var secondDevice = new TestKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{secondDevice.PublicKeyHex}\"}}"))).Status);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);

        var (status, pending) = await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision");
        Assert.Equal(HttpStatusCode.OK, status);
        var offered = Assert.Single(pending.EnumerateArray());
        Assert.Equal(id, offered.GetProperty("contractId").GetString());
        Assert.Equal(user.CredentialKeyHex, offered.GetProperty("recipients").GetProperty("accountKey").GetString());
        Assert.Equal([user.Device.PublicKeyHex, secondDevice.PublicKeyHex], offered.GetProperty("recipients").GetProperty("deviceKeys").EnumerateArray().Select(k => k.GetString()));

        var (lockStatus, lease) = await AgentAsync(agent, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        Assert.Equal(HttpStatusCode.OK, lockStatus);
        Assert.True(lease.GetProperty("acquired").GetBoolean());
        Assert.True(lease.GetProperty("expiresAtNs").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
        var other = await Factory.JoinAsync(Client, Pool, Provider);
        Assert.False((await AgentAsync(other, HttpMethod.Post, $"{Base}/contracts/{id}/lock")).Body.GetProperty("acquired").GetBoolean());
        Assert.Empty((await AgentAsync(other, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Body.EnumerateArray());

        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", "{\"status\":\"provisioning\"}")).Status);
        var envelope = Envelope(user, id, "first-password-0123456789", secondDevice.PublicKey);
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", Provisioned(envelope))).Status);

        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("provisioned", contract.GetProperty("state").GetString());
        Assert.Equal("srv-1", contract.GetProperty("externalId").GetString());
        var stored = contract.GetProperty("credentialEnvelope").GetString()!;
        var contractId = ContractId.FromHex(id).Value;
        Assert.Equal("first-password-0123456789", CredentialEnvelope.Open(stored, contractId, X25519Keys.AccountSecretFromSeed(user.AccountSeed)).Value);
        Assert.Equal("first-password-0123456789", CredentialEnvelope.Open(stored, contractId, X25519Keys.SecretFromEd25519Seed(user.DeviceSeed)).Value);
        Assert.Equal(
            ["requested>accepted", "accepted>provisioning", "provisioning>provisioned"],
            contract.GetProperty("history").EnumerateArray().Select(h => $"{h.GetProperty("from").GetString()}>{h.GetProperty("to").GetString()}"));

        var health = $"{{\"checkedAt\":\"{DateTimeOffset.UtcNow:O}\",\"status\":\"healthy\",\"latencyMs\":12}}";
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Post, $"/api/v1/contracts/{id}/health", health)).Status);
        var reports = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}/health"))).Body;
        Assert.Equal(("healthy", 12), (reports[0].GetProperty("status").GetString(), reports[0].GetProperty("latencyMs").GetInt32()));
        Assert.Equal("active", (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body.GetProperty("state").GetString());

        var running = $$"""{"instances":[{"externalId":"srv-1","contractId":"{{id}}","running":true},{"externalId":"srv-9","contractId":null,"running":true}]}""";
        var reconcile = (await AgentAsync(agent, HttpMethod.Post, $"{Base}/reconcile", running)).Body;
        Assert.Equal("srv-1", Assert.Single(reconcile.GetProperty("keep").EnumerateArray()).GetProperty("externalId").GetString());
        Assert.Equal("srv-9", Assert.Single(reconcile.GetProperty("unknown").EnumerateArray()).GetProperty("externalId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/cancel", "{\"reason\":\"done with it\"}"))).Status);
        reconcile = (await AgentAsync(agent, HttpMethod.Post, $"{Base}/reconcile", running)).Body;
        Assert.Equal("srv-1", Assert.Single(reconcile.GetProperty("terminate").EnumerateArray()).GetProperty("externalId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, $"{Base}/contracts/{id}/terminated")).Status);
        Assert.Equal("cancelled", (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_password_reset_reaches_the_agent_once_and_its_outcome_reaches_the_user()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await AgentAsync(agent, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", Provisioned(Envelope(user, id, "first-password-0123456789")));

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password"))).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password"))).Status);
        var pending = (await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-password-reset")).Body;
        var reset = Assert.Single(pending.EnumerateArray());
        Assert.Equal(("srv-1", "root"), (reset.GetProperty("externalId").GetString(), reset.GetProperty("loginUser").GetString()));

        var outcome = $"{{\"status\":\"succeeded\",\"credentials\":{Envelope(user, id, "second-password-0123456789")}}}";
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/password", outcome)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/password", outcome)).Status);
        Assert.Empty((await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-password-reset")).Body.EnumerateArray());
        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("succeeded", contract.GetProperty("passwordReset").GetString());
        var secret = X25519Keys.AccountSecretFromSeed(user.AccountSeed);
        Assert.Equal("second-password-0123456789", CredentialEnvelope.Open(contract.GetProperty("credentialEnvelope").GetString()!, ContractId.FromHex(id).Value, secret).Value);

        await SendAsync(Client, user.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password"));
        await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/password", "{\"status\":\"failed\",\"reason\":\"ssh: connection refused\"}");
        contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal(("failed", "ssh: connection refused"), (contract.GetProperty("passwordReset").GetString(), contract.GetProperty("passwordResetError").GetString()));
        Assert.Equal("second-password-0123456789", CredentialEnvelope.Open(contract.GetProperty("credentialEnvelope").GetString()!, ContractId.FromHex(id).Value, secret).Value);
    }

    [Theory]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"loginUser\":\"root\",\"password\":\"hunter2hunter2hunter2xx\",\"credentials\":ENVELOPE}")]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"instance\":{\"ipv4\":\"203.0.113.7\",\"password\":\"hunter2hunter2hunter2xx\"},\"loginUser\":\"root\",\"credentials\":ENVELOPE}")]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"loginUser\":\"root\",\"credentials\":\"hunter2hunter2hunter2xx\"}")]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"loginUser\":\"root\",\"credentials\":{\"password\":\"hunter2hunter2hunter2xx\"}}")]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"loginUser\":\"root\",\"credentials\":OTHER}")]
    [InlineData("{\"status\":\"provisioned\",\"externalId\":\"srv-1\",\"loginUser\":\"root\"}")]
    public async Task A_report_that_is_not_a_sealed_envelope_for_this_contract_is_refused_and_changes_nothing(string template)
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await AgentAsync(agent, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        var otherContract = new string('e', 64);
        var body = template.Replace("ENVELOPE", Envelope(user, id, "x-password-0123456789xx"), StringComparison.Ordinal)
            .Replace("OTHER", Envelope(user, otherContract, "x-password-0123456789xx"), StringComparison.Ordinal);

        var (status, _) = await AgentAsync(agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("accepted", contract.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, contract.GetProperty("credentialEnvelope").ValueKind);
    }

    [Fact]
    public async Task Unpaid_contracts_are_neither_offered_nor_leased()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool, pay: false);
        Assert.Empty((await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Body.EnumerateArray());
        var (status, problem) = await AgentAsync(agent, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        Assert.Equal((HttpStatusCode.Conflict, "payment_required"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Reporting_without_the_lease_is_a_conflict()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var holder = await Factory.JoinAsync(Client, Pool, Provider);
        var other = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await AgentAsync(holder, HttpMethod.Post, $"{Base}/contracts/{id}/lock");
        var (status, problem) = await AgentAsync(other, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", Provisioned(Envelope(user, id, "x-password-0123456789xx")));
        Assert.Equal((HttpStatusCode.Conflict, "lease_not_held"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Each_route_needs_its_permission_and_the_agents_own_provider()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        var heartbeatOnly = await Factory.JoinAsync(Client, Pool, Provider, ["heartbeat"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await AgentAsync(heartbeatOnly, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AgentAsync(heartbeatOnly, HttpMethod.Post, $"{Base}/contracts/{id}/lock")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await AgentAsync(heartbeatOnly, HttpMethod.Post, $"/api/v1/contracts/{id}/health", "{\"checkedAt\":\"2026-11-25T00:00:00Z\",\"status\":\"healthy\"}")).Status);
        var beat = "{\"version\":\"1.0.0\",\"provisionerTypes\":[\"hetzner\"],\"activeContracts\":0}";
        var (status, reply) = await AgentAsync(heartbeatOnly, HttpMethod.Post, $"{Base}/heartbeat", beat);
        Assert.Equal((HttpStatusCode.OK, 60), (status, reply.GetProperty("nextHeartbeatSeconds").GetInt32()));

        var stranger = await Factory.JoinAsync(Client, "pool-9", "prov-9");
        Assert.Equal(HttpStatusCode.Forbidden, (await AgentAsync(stranger, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(stranger, HttpMethod.Post, $"/api/v1/providers/prov-9/contracts/{id}/lock")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await AgentAsync(stranger, HttpMethod.Post, $"/api/v1/contracts/{id}/health", "{\"checkedAt\":\"2026-11-25T00:00:00Z\",\"status\":\"healthy\"}")).Status);
    }

    [Fact]
    public async Task Revoked_agents_and_replayed_nonces_get_401()
    {
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var nonce = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision", nonce: nonce))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision", nonce: nonce))).Status);
        await Factory.SendAsync(new DecentCloud.Application.Agents.RevokeAgentDelegation(null, agent.PublicKeyHex, "test"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Status);
    }

    [Fact]
    public async Task Users_see_only_their_own_contracts_and_need_a_registered_device()
    {
        var owner = new TestUser();
        await RegisterAsync(Client, owner);
        var id = await PaidContractAsync(Factory, Client, owner, Provider, Pool);
        var stranger = new TestUser();
        await RegisterAsync(Client, stranger);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Client, stranger.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(Client, stranger.Signed(HttpMethod.Post, $"/api/v1/contracts/{id}/reset-password"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, new TestUser().Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.GetAsync($"/api/v1/contracts/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_device_can_no_longer_sign_and_the_last_device_cannot_be_revoked()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Delete, $"/api/v1/accounts/me/devices/{user.Device.PublicKeyHex}"));
        Assert.Equal((HttpStatusCode.Conflict, "last_device"), (status, problem.GetProperty("code").GetString()));
        var second = new TestKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{second.PublicKeyHex}\"}}"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(Client, TestUser.Signed(second, HttpMethod.Delete, $"/api/v1/accounts/me/devices/{user.Device.PublicKeyHex}"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/accounts/me/devices", $"{{\"deviceKey\":\"{new string('1', 64)}\"}}"))).Status);
    }

    [Fact]
    public async Task A_contract_request_with_bad_terms_names_every_bad_field_and_stores_nothing()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var body = """{"providerId":"prov-1","pool":"Bad Pool","offeringId":"","cores":0,"memoryMb":1,"storageGb":0,"sshPublicKey":"not a key","durationSeconds":1,"priceE8s":-1}""";
        var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/contracts", body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_pool", problem.GetProperty("code").GetString());
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        Assert.Empty((await AgentAsync(agent, HttpMethod.Get, $"{Base}/contracts/pending-provision")).Body.EnumerateArray());
    }
}
