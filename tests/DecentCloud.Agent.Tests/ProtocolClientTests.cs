using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Agent.Common;
using DecentCloud.Agent.Run;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Domain.Contracts;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Agent.Tests;

/// <summary>The run loops' port over the API client package: what goes on the wire, and how refusals reach the loops.</summary>
public sealed class ProtocolClientTests : IDisposable
{
    private const string ContractHex = "00112233445566778899aabbccddeeff";
    private const string ReportPath = $"/api/v1/provider/rental-requests/{ContractHex}/provisioning";
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-agent-protocol-").FullName;
    private readonly AgentApi _clients;
    private readonly ProtocolClient _protocol;
    private readonly string _agentKey;

    public ProtocolClientTests()
    {
        var (signer, _) = AgentKeyFile.LoadOrCreate(Path.Combine(_dir, "agent.key"));
        _agentKey = signer.PublicKeyHex();
        _clients = new AgentApi(_api.Url!, signer, TimeProvider.System);
        _protocol = new ProtocolClient(_clients, "prov-a");
    }

    public void Dispose()
    {
        _clients.Dispose();
        _api.Stop();
        _api.Dispose();
        Directory.Delete(_dir, true);
    }

    [Fact]
    public async Task A_provisioned_report_carries_the_sealed_envelope_as_an_object_and_is_signed_with_the_agent_key()
    {
        _api.Given(Request.Create().WithPath(ReportPath).UsingPut()).RespondWith(Response.Create().WithStatusCode(204));
        var envelope = CredentialEnvelope.Seal(
            "pw-0123456789abcdefghijkl", ContractId.FromHex(ContractHex).Value, [new CredentialRecipient(RecipientKind.Account, RandomNumberGenerator.GetBytes(32))]);

        await _protocol.ReportAsync(
            ContractHex,
            new ProvisioningReport("provisioned", "srv-1", new InstanceReport("203.0.113.7", null, "203.0.113.7", 22, null), "root", envelope),
            CancellationToken.None);

        var sent = Assert.Single(_api.LogEntries).RequestMessage!;
        using var body = JsonDocument.Parse(sent.Body!);
        var credentials = body.RootElement.GetProperty("credentials");
        Assert.Equal(JsonValueKind.Object, credentials.ValueKind);
        using (var sealedJson = JsonDocument.Parse(envelope))
        {
            Assert.True(JsonElement.DeepEquals(sealedJson.RootElement, credentials), sent.Body);
        }

        Assert.Equal("203.0.113.7", body.RootElement.GetProperty("instance").GetProperty("ipv4").GetString());
        Assert.False(body.RootElement.GetProperty("instance").TryGetProperty("ipv6", out _));
        Assert.Equal(_agentKey, sent.Headers!["X-Agent-Pubkey"].Single());
        Assert.Equal("2", sent.Headers["X-Signature-Version"].Single());
        var message = DecentCloud.Api.Client.RequestSignature.MessageV2(
            "PUT", sent.Headers["Host"].Single(), ReportPath, "", sent.Headers["X-Timestamp"].Single(), sent.Headers["X-Nonce"].Single(), Encoding.UTF8.GetBytes(sent.Body!));
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(_agentKey), message, Convert.FromHexString(sent.Headers["X-Signature"].Single())));
    }

    [Fact]
    public async Task A_refused_report_is_sent_once_and_reaches_the_loops_with_its_status_and_detail()
    {
        _api.Given(Request.Create().WithPath(ReportPath).UsingPut()).RespondWith(Response.Create().WithStatusCode(503)
            .WithHeader("Content-Type", "application/problem+json")
            .WithBody("{\"status\":503,\"detail\":\"The database is unavailable.\",\"code\":\"unavailable\"}"));

        var refused = await Assert.ThrowsAsync<ProviderApiException>(
            () => _protocol.ReportAsync(ContractHex, new ProvisioningReport("provisioning"), CancellationToken.None));

        Assert.Equal(503, refused.Status);
        Assert.Equal($"PUT {_api.Url}{ReportPath} failed with HTTP 503: The database is unavailable.", refused.Message);
        // No HTTP-level retry: the loop decides whether to report again.
        Assert.Single(_api.LogEntries);
    }

    [Fact]
    public async Task A_lease_renewal_is_sent_once_and_an_unreachable_api_says_where_it_was_looked_for()
    {
        _api.Given(Request.Create().WithPath($"/api/v1/providers/prov-a/contracts/{ContractHex}/lock").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { acquired = true, expiresAtNs = 1_700_000_000_000_000_000L }));
        var lease = await _protocol.LeaseAsync(ContractHex, CancellationToken.None);
        Assert.True(lease.Acquired);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), lease.ExpiresAt);
        Assert.Single(_api.LogEntries);

        var url = _api.Url!;
        _api.Stop();
        var unreachable = await Assert.ThrowsAsync<ProviderApiException>(() => _protocol.LeaseAsync(ContractHex, CancellationToken.None));
        Assert.StartsWith($"cannot reach the API at {url}/: ", unreachable.Message, StringComparison.Ordinal);
        Assert.Null(unreachable.Status);
    }
}
