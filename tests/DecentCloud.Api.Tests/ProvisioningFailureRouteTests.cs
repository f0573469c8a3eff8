using System.Net;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>An agent's failure report (for instance a credential it could not seal) reaches the user, bounded.</summary>
public sealed class ProvisioningFailureRouteTests : ApiRouteTest
{
    private const string Provider = "prov-1";
    private const string Pool = "pool-1";
    [Fact]
    public async Task A_crypto_failure_report_fails_the_contract_and_shows_the_bounded_reason()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var agent = await Factory.JoinAsync(Client, Pool, Provider);
        var id = await PaidContractAsync(Factory, Client, user, Provider, Pool);
        await SendAsync(Client, ApiFactory.Signed(agent, HttpMethod.Post, $"/api/v1/providers/{Provider}/contracts/{id}/lock"));
        var reason = "credential_seal_failed: a recipient key is not a valid Ed25519 public key " + new string('x', 3000);

        var (status, _) = await SendAsync(Client, ApiFactory.Signed(
            agent, HttpMethod.Put, $"/api/v1/provider/rental-requests/{id}/provisioning", $"{{\"status\":\"provisioning_failed\",\"reason\":\"{reason}\"}}"));

        Assert.Equal(HttpStatusCode.NoContent, status);
        var contract = (await SendAsync(Client, user.Signed(HttpMethod.Get, $"/api/v1/contracts/{id}"))).Body;
        Assert.Equal("provisioning_failed", contract.GetProperty("state").GetString());
        var shown = contract.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString()!;
        Assert.Equal(DecentCloud.Domain.Contracts.Contract.MaxFailureReasonLength, shown.Length);
        Assert.StartsWith("credential_seal_failed: a recipient key is not a valid Ed25519 public key", shown, StringComparison.Ordinal);
    }
}
