using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>
/// Every route driven through the client package, its replies read with <see cref="DecentCloudApiJson.Strict"/>:
/// a reply field the wire records lack, a field they require that is missing, or a null they forbid fails here.
/// </summary>
public sealed class ApiClientContractTests : IAsyncLifetime
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";
    private static readonly string Txt = new string('B', 42) + "_";
    private ApiFactory _factory = null!;
    private HttpClient _http = null!;

    public ValueTask InitializeAsync()
    {
        _factory = new ApiFactory();
        _http = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Every_route_answers_in_the_client_records_under_strict_json()
    {
        var agentKey = TestKey.Random();
        var user = new TestUser();
        await using var services = _factory.ClientServices(agentKey, user.Device);
        var open = services.GetRequiredService<IPublicApi>();
        var agent = services.GetRequiredService<IAgentApi>();
        var account = services.GetRequiredService<IAccountApi>();

        Assert.Equal("ok", (await open.GetHealthAsync(Ct)).Status);
        var token = (await _factory.SendAsync(new DecentCloud.Application.Agents.CreateSetupToken(Pool, Provider, null, null))).Value.Token;
        var setup = await open.SetupAgentAsync(await AgentSetupRequest.CreateAsync(agentKey, token, DateTimeOffset.UtcNow, Ct), Ct);
        Assert.Equal((agentKey.PublicKeyHex, Provider, Pool, "gw", "decent-cloud.org"), (setup.AgentPubkey, setup.ProviderId, setup.PoolName, setup.GwPrefix, setup.Domain));
        Assert.Contains("provision", setup.Permissions);

        // Gateway, acme-dns and VM DNS.
        var credentials = await agent.RegisterGatewayAsync(new GatewayRegistration("dc-lk"), Ct);
        Assert.Equal(("dc-lk", "*.dc-lk.gw.decent-cloud.org"), (credentials.AcmeDnsSubdomain, credentials.Wildcard));
        Assert.DoesNotContain(credentials.AcmeDnsPassword, credentials.ToString(), StringComparison.Ordinal);
        var summary = Assert.Single(await agent.ListGatewayCredentialsAsync(Ct));
        Assert.Equal((credentials.AcmeDnsUsername, (DateTimeOffset?)null), (summary.AcmeDnsUsername, summary.RevokedAt));
        var update = await open.UpdateAcmeTxtAsync(credentials.AcmeDnsUsername.ToString(), credentials.AcmeDnsPassword, new AcmeDnsUpdate("dc-lk", Txt), Ct);
        Assert.Equal(Txt, update.Txt);

        // Accounts and devices.
        var registered = await account.RegisterAccountAsync(new AccountRegistration(user.CredentialKeyHex, "laptop"), Ct);
        Assert.Equal(user.Device.PublicKeyHex, Assert.Single(registered.Devices).DeviceKey);
        var phone = TestKey.Random();
        Assert.Equal(2, (await account.AddDeviceAsync(new DeviceRegistration(phone.PublicKeyHex, "phone"), Ct)).Devices.Count);
        var revoked = await account.RevokeDeviceAsync(phone.PublicKeyHex, Ct);
        Assert.NotNull(revoked.Devices.Single(d => d.DeviceKey == phone.PublicKeyHex).RevokedAt);

        // A contract from request to termination.
        var requested = await account.RequestContractAsync(SmallContract(Provider, Pool), Ct);
        Assert.Equal(("requested", false), (requested.State, requested.Paid));
        var id = requested.ContractId;
        var contractId = ContractId.FromHex(id).Value;
        Assert.True((await _factory.SendAsync(new ChangeContractState(contractId, ContractState.Accepted, "test", "accepted"))).IsSuccess);
        Assert.True((await _factory.SendAsync(new MarkContractPaid(contractId, "test"))).IsSuccess);

        // VM DNS: the contract's name, before the machine is reported provisioned.
        var published = await agent.PublishVmAddressAsync(new VmDnsRequest(VmDnsActions.Create, "dc-lk", "vm0001", "203.0.113.9", id), Ct);
        Assert.Equal(("vm0001.dc-lk.gw.decent-cloud.org", "203.0.113.9", 300), (published.Fqdn, published.Ipv4, published.Ttl));
        var name = Assert.Single(await agent.ListVmAddressesAsync("dc-lk", Ct));
        Assert.Equal(("dc-lk", "vm0001", published.Fqdn, "203.0.113.9", (string?)id, true), (name.DcId, name.Slug, name.Fqdn, name.Ipv4, name.ContractId, name.ContractAlive));

        var pending = Assert.Single(await agent.ListPendingProvisionAsync(Provider, Ct));
        Assert.Equal((id, user.CredentialKeyHex), (pending.ContractId, pending.Recipients.AccountKey));
        Assert.True((await agent.AcquireLeaseAsync(Provider, id, Ct)).Acquired);
        await agent.ReportProvisioningAsync(id, new ProvisioningReport(ProvisioningStatuses.Provisioning), Ct);
        var envelope = JsonSerializer.Deserialize<CredentialEnvelopeV3>(Envelope(user, id, "first-password-0123456789"), DecentCloudApiJson.Strict)!;
        await agent.ReportProvisioningAsync(id, new ProvisioningReport(
            ProvisioningStatuses.Provisioned, "srv-1", new InstanceDetails(Ipv4: "203.0.113.7", SshPort: 22, GatewaySlug: "vm0001", GatewaySubdomain: published.Fqdn), "root", envelope), Ct);
        Assert.Equal(60, (await agent.HeartbeatAsync(Provider, new HeartbeatRequest("1.0.0", ["hetzner"], 1), Ct)).NextHeartbeatSeconds);
        await agent.ReportHealthAsync(id, new DecentCloud.Api.Client.HealthReport(DateTimeOffset.UtcNow, "healthy", 12), Ct);
        Assert.Equal(("healthy", (int?)12), Assert.Single(await account.ListHealthReportsAsync(id, Ct)) is var h ? (h.Status, h.LatencyMs) : default);

        var active = await account.GetContractAsync(id, Ct);
        Assert.Equal(("active", "srv-1", "root"), (active.State, active.ExternalId, active.LoginUser));
        Assert.Equal(["requested>accepted", "accepted>provisioning", "provisioning>provisioned", "provisioned>active"], active.History.Select(t => $"{t.From}>{t.To}"));
        Assert.Equal(new ContractAccess("https://" + published.Fqdn, published.Fqdn, 22, "root"), active.Access);

        await account.RequestPasswordResetAsync(id, Ct);
        var reset = Assert.Single(await agent.ListPendingPasswordResetsAsync(Provider, Ct));
        Assert.Equal(("srv-1", "root"), (reset.ExternalId, reset.LoginUser));
        var second = JsonSerializer.Deserialize<CredentialEnvelopeV3>(Envelope(user, id, "second-password-0123456789"), DecentCloudApiJson.Strict)!;
        await agent.ReportPasswordResetAsync(id, new PasswordResetReport("succeeded", second), Ct);
        Assert.Equal("succeeded", (await account.GetContractAsync(id, Ct)).PasswordReset);

        var running = new ReconcileRequest([new RunningInstance("srv-1", id, true), new RunningInstance("srv-9", null, true)]);
        var reconcile = await agent.ReconcileAsync(Provider, running, Ct);
        Assert.Equal(("srv-1", "srv-9"), (Assert.Single(reconcile.Keep).ExternalId, Assert.Single(reconcile.Unknown).ExternalId));
        Assert.Equal("cancelled", (await account.CancelContractAsync(id, new ContractCancellation("done"), Ct)).State);
        Assert.Equal("srv-1", Assert.Single((await agent.ReconcileAsync(Provider, running, Ct)).Terminate).ExternalId);
        await agent.MarkTerminatedAsync(Provider, id, Ct);
        Assert.Null((await account.GetContractAsync(id, Ct)).Access);
        Assert.False(Assert.Single(await agent.ListVmAddressesAsync("dc-lk", Ct)).ContractAlive);
        Assert.Null((await agent.PublishVmAddressAsync(new VmDnsRequest(VmDnsActions.Delete, "dc-lk", "vm0001", null, id), Ct)).Ipv4);
        Assert.Empty(await agent.ListVmAddressesAsync("dc-lk", Ct));

        // The lease can be given back; revoking the gateway ends the loop.
        var other = await account.RequestContractAsync(SmallContract(Provider, Pool), Ct);
        var otherId = ContractId.FromHex(other.ContractId).Value;
        await _factory.SendAsync(new ChangeContractState(otherId, ContractState.Accepted, "test", "accepted"));
        await _factory.SendAsync(new MarkContractPaid(otherId, "test"));
        Assert.True((await agent.AcquireLeaseAsync(Provider, other.ContractId, Ct)).Acquired);
        await agent.ReleaseLeaseAsync(Provider, other.ContractId, Ct);
        await agent.RevokeGatewayCredentialsAsync("dc-lk", Ct);
        Assert.NotNull(Assert.Single(await agent.ListGatewayCredentialsAsync(Ct)).RevokedAt);
    }

    [Fact]
    public async Task Errors_arrive_as_exceptions_with_the_problem_code_and_the_problem_body_is_strict()
    {
        var agentKey = await _factory.JoinAsync(_http, Pool, Provider, ["heartbeat"]);
        await using var services = _factory.ClientServices(agentKey);
        var agent = services.GetRequiredService<IAgentApi>();

        var forbidden = await Assert.ThrowsAsync<DecentCloudApiException>(() => agent.RegisterGatewayAsync(new GatewayRegistration("dc-lk"), Ct));
        Assert.Equal((HttpStatusCode.Forbidden, "missing_permission"), (forbidden.Status, forbidden.Code));
        Assert.Equal("/api/v1/agents/gateway/register", forbidden.Path);

        using var response = await _http.SendAsync(ApiFactory.Signed(agentKey, HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-lk\"}"), Ct);
        var problem = JsonSerializer.Deserialize<ApiProblem>(await response.Content.ReadAsStringAsync(Ct), DecentCloudApiJson.Strict)!;
        Assert.Equal((403, forbidden.Code, forbidden.Detail), (problem.Status, problem.Code, problem.Detail));

        var open = services.GetRequiredService<IPublicApi>();
        var refused = await Assert.ThrowsAsync<DecentCloudApiException>(() => open.UpdateAcmeTxtAsync(Guid.NewGuid().ToString(), "wrong-key", new AcmeDnsUpdate("dc-lk", Txt), Ct));
        Assert.Equal((HttpStatusCode.Unauthorized, "forbidden"), (refused.Status, refused.Code));
        Assert.DoesNotContain("wrong-key", refused.ToString(), StringComparison.Ordinal);
    }
}
