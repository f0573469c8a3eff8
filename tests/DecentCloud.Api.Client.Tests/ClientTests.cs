using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Client.Tests;

public sealed class ClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpResponseMessage Json(HttpStatusCode status, string json, string mediaType = "application/json") =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, mediaType) };

    private static (IAgentApi Api, RecordingHandler Wire, ServiceProvider Services) Agent(Func<HttpRequestMessage, HttpResponseMessage> reply, bool strict = true)
    {
        var wire = new RecordingHandler(reply);
        var services = new ServiceCollection();
        services.AddDecentCloudApiClient(o =>
        {
            o.BaseAddress = new Uri("https://api.example/");
            o.AgentSigner = new SeedSigner(new byte[32]);
            o.SerializerOptions = strict ? DecentCloudApiJson.Strict : DecentCloudApiJson.Tolerant;
            o.ConfigureHttpClient = b => b.ConfigurePrimaryHttpMessageHandler(() => wire);
        });
        var provider = services.BuildServiceProvider();
        return (provider.GetRequiredService<IAgentApi>(), wire, provider);
    }

    [Fact]
    public async Task A_problem_reply_becomes_an_exception_with_its_code_and_detail_but_not_the_request()
    {
        var (api, _, services) = Agent(_ => Json(HttpStatusCode.Conflict,
            "{\"type\":\"https://decent-cloud.org/problems/lease_not_held\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Another agent holds the lease.\",\"code\":\"lease_not_held\"}",
            "application/problem+json"));
        await using var _ = services;
        var envelope = new CredentialEnvelopeV3(3, "vm-root-password", "ab", "bm9uY2U=", "c2VjcmV0LWNpcGhlcnRleHQ=", []);

        var error = await Assert.ThrowsAsync<DecentCloudApiException>(() =>
            api.ReportProvisioningAsync("ab", new ProvisioningReport(ProvisioningStatuses.Provisioned, "srv", null, "root", envelope), Ct));

        Assert.Equal((HttpStatusCode.Conflict, "lease_not_held", "Another agent holds the lease."), (error.Status, error.Code, error.Detail));
        Assert.Equal(("PUT", "/api/v1/provider/rental-requests/ab/provisioning"), (error.Method, error.Path));
        Assert.DoesNotContain("c2VjcmV0LWNpcGhlcnRleHQ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_acme_dns_error_carries_its_error_as_the_code()
    {
        var wire = new RecordingHandler(_ => Json(HttpStatusCode.Unauthorized, "{\"error\":\"forbidden\"}"));
        using var http = new HttpClient(wire) { BaseAddress = new Uri("https://api.example/") };
        var api = DecentCloudApiClient.For<IPublicApi>(http);

        var error = await Assert.ThrowsAsync<DecentCloudApiException>(() => api.UpdateAcmeTxtAsync("user", "secret-key", new AcmeDnsUpdate("dc-a", new string('a', 43)), Ct));

        Assert.Equal((HttpStatusCode.Unauthorized, "forbidden"), (error.Status, error.Code));
        Assert.Equal(("user", "secret-key"), (wire.Sent[0].Headers["X-Api-User"], wire.Sent[0].Headers["X-Api-Key"]));
        Assert.DoesNotContain("secret-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strict_json_refuses_a_reply_field_the_records_lack_and_tolerant_json_ignores_it()
    {
        const string reply = "{\"acquired\":true,\"expiresAtNs\":1,\"holder\":\"someone\"}";
        var (strict, _, s1) = Agent(_ => Json(HttpStatusCode.OK, reply));
        var (tolerant, _, s2) = Agent(_ => Json(HttpStatusCode.OK, reply), strict: false);
        await using var _1 = s1;
        await using var _2 = s2;

        await Assert.ThrowsAnyAsync<Exception>(() => strict.AcquireLeaseAsync("p", "c", Ct));
        Assert.True((await tolerant.AcquireLeaseAsync("p", "c", Ct)).Acquired);
    }

    [Fact]
    public void Strict_json_refuses_a_missing_field_and_a_forbidden_null()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LeaseReply>("{\"acquired\":true}", DecentCloudApiJson.Strict));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<HeartbeatReply>("{\"nextHeartbeatSeconds\":null}", DecentCloudApiJson.Strict));
        Assert.Equal(new LeaseReply(true, 5), JsonSerializer.Deserialize<LeaseReply>("{\"acquired\":true,\"expiresAtNs\":5}", DecentCloudApiJson.Strict));
    }

    [Fact]
    public async Task Requests_are_camel_case_with_nulls_left_out_and_the_envelope_snake_case()
    {
        var (api, wire, services) = Agent(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var _ = services;
        var envelope = new CredentialEnvelopeV3(3, "vm-root-password", "ab", "n", "c", [new WrappedContentKey("account", "pk", "ek", "wn", "wk")]);

        await api.ReportProvisioningAsync("ab", new ProvisioningReport(ProvisioningStatuses.Provisioned, "srv", new InstanceDetails(Ipv4: "203.0.113.7"), "root", envelope), Ct);

        Assert.Equal(
            "{\"status\":\"provisioned\",\"externalId\":\"srv\",\"instance\":{\"ipv4\":\"203.0.113.7\"},\"loginUser\":\"root\",\"credentials\":"
            + "{\"version\":3,\"purpose\":\"vm-root-password\",\"contract_id\":\"ab\",\"nonce\":\"n\",\"ciphertext\":\"c\","
            + "\"recipients\":[{\"kind\":\"account\",\"public_key\":\"pk\",\"ephemeral_pubkey\":\"ek\",\"nonce\":\"wn\",\"wrapped_key\":\"wk\"}]}}",
            Encoding.UTF8.GetString(wire.Sent[0].Body));
        Assert.True(wire.Sent[0].Headers.ContainsKey("X-Signature"));
    }

    [Fact]
    public async Task A_vm_name_is_published_with_its_contract_and_a_gateways_names_are_listed_by_dc_id()
    {
        const string names = "[{\"dcId\":\"dc-lk\",\"slug\":\"k7m2p4\",\"fqdn\":\"k7m2p4.dc-lk.gw.decent-cloud.org\",\"ipv4\":\"203.0.113.7\","
            + "\"contractId\":\"ab\",\"contractAlive\":true,\"updatedAt\":\"2026-12-01T00:00:00+00:00\"}]";
        var (api, wire, services) = Agent(r => r.Method == HttpMethod.Get
            ? Json(HttpStatusCode.OK, names)
            : Json(HttpStatusCode.OK, "{\"fqdn\":\"k7m2p4.dc-lk.gw.decent-cloud.org\",\"ipv4\":\"203.0.113.7\",\"ttl\":300}"));
        await using var _ = services;

        await api.PublishVmAddressAsync(new VmDnsRequest(VmDnsActions.Create, "dc-lk", "k7m2p4", "203.0.113.7", "ab"), Ct);
        var listed = await api.ListVmAddressesAsync("dc-lk", Ct);

        Assert.Equal("{\"action\":\"create\",\"dcId\":\"dc-lk\",\"slug\":\"k7m2p4\",\"ipv4\":\"203.0.113.7\",\"contractId\":\"ab\"}", Encoding.UTF8.GetString(wire.Sent[0].Body));
        Assert.Equal("/api/v1/agents/dns?dcId=dc-lk", wire.Sent[1].Request.RequestUri!.PathAndQuery);
        Assert.Equal(new VmNameRecord("dc-lk", "k7m2p4", "k7m2p4.dc-lk.gw.decent-cloud.org", "203.0.113.7", "ab", true, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), Assert.Single(listed));
    }

    [Fact]
    public void A_contracts_access_reads_strictly_and_may_be_null()
    {
        const string details = "{\"contractId\":\"ab\",\"state\":\"active\",\"providerId\":\"p\",\"pool\":\"q\",\"offeringId\":\"o\",\"paid\":true,"
            + "\"externalId\":null,\"instance\":null,\"loginUser\":\"root\",\"credentialEnvelope\":null,\"credentialExpiresAt\":null,\"passwordReset\":\"none\","
            + "\"passwordResetError\":null,\"createdAt\":\"2026-12-01T00:00:00+00:00\",\"endsAt\":null,\"history\":[],ACCESS}";

        var withAccess = JsonSerializer.Deserialize<ContractDetails>(
            details.Replace("ACCESS", "\"access\":{\"httpsUrl\":\"https://k7m2p4.dc-lk.gw.decent-cloud.org\",\"sshHost\":\"k7m2p4.dc-lk.gw.decent-cloud.org\",\"sshPort\":20022,\"loginUser\":\"root\"}", StringComparison.Ordinal),
            DecentCloudApiJson.Strict)!;
        var without = JsonSerializer.Deserialize<ContractDetails>(details.Replace("ACCESS", "\"access\":null", StringComparison.Ordinal), DecentCloudApiJson.Strict)!;

        Assert.Equal(new ContractAccess("https://k7m2p4.dc-lk.gw.decent-cloud.org", "k7m2p4.dc-lk.gw.decent-cloud.org", 20022, "root"), withAccess.Access);
        Assert.Null(without.Access);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ContractAccess>("{\"httpsUrl\":null,\"sshHost\":null,\"loginUser\":null}", DecentCloudApiJson.Strict));
    }

    [Fact]
    public async Task Idempotent_calls_are_retried_and_signed_afresh_but_a_post_is_not_retried()
    {
        var calls = 0;
        var (api, wire, services) = Agent(_ => ++calls == 1 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : new HttpResponseMessage(HttpStatusCode.NoContent));
        await using var _ = services;

        await api.MarkTerminatedAsync("p", "c", Ct);
        Assert.Equal(2, wire.Sent.Count);
        Assert.NotEqual(wire.Sent[0].Headers["X-Nonce"], wire.Sent[1].Headers["X-Nonce"]);

        calls = 0;
        wire.Sent.Clear();
        var error = await Assert.ThrowsAsync<DecentCloudApiException>(() => api.AcquireLeaseAsync("p", "c", Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Single(wire.Sent);
    }

    [Fact]
    public void Records_holding_secrets_leave_them_out_of_their_text()
    {
        var credentials = new GatewayCredentials("https://api.example/api/v1/acme-dns", Guid.NewGuid(), "the-password", "dc-a", "dc-a.gw.example", "*.dc-a.gw.example", "gw", "example");
        Assert.DoesNotContain("the-password", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("the-token", new AgentSetupRequest("the-token", "ab").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_apis_whose_key_is_given_are_registered()
    {
        var services = new ServiceCollection();
        services.AddDecentCloudApiClient(o => o.BaseAddress = new Uri("https://api.example/"));
        await using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<IPublicApi>());
        Assert.Null(provider.GetService<IAgentApi>());
        Assert.Null(provider.GetService<IAccountApi>());
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddDecentCloudApiClient(_ => { }));
    }
}
