using System.Net;
using DecentCloud.Api.Client;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Retention;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Money;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Tests;

/// <summary>The admin archive routes through the client package: an ended contract past retention is found by id, provider and user.</summary>
public sealed class ArchiveRouteTests
{
    private static readonly Guid Renter = Guid.Parse("7a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ContractId> SeedEndedAsync(ApiFactory factory, string provider, int endedDaysAgo)
    {
        var id = ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;
        var start = DateTimeOffset.UtcNow.AddDays(-endedDaysAgo - 1);
        var terms = ContractTerms.Create(Renter, provider, "pool-1", "small", 2, 2048, 20,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g user@test",
            null, null, 3600, TokenAmount.FromBaseUnits(Token.Icp, 100_000_000).Value).Value;
        var contract = Contract.Request(id, terms, start);
        Assert.True(contract.MoveTo(ContractState.Rejected, "provider:p", "busy", start.AddDays(1)).IsSuccess);
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        return id;
    }

    [Fact]
    public async Task An_archived_contract_is_listed_by_provider_and_user_and_read_by_id_and_a_bad_query_is_a_problem()
    {
        var admin = TestKey.Random();
        // Requests that ended unpaid go to the request archive after a week; keep them here so this archive gets them.
        await using var factory = new ApiFactory(new()
        {
            ["DC_ADMIN_PUBLIC_KEYS"] = admin.PublicKeyHex,
            ["DC_CONTRACT_REQUEST_RETENTION_SECONDS"] = "315360000",
        });
        var old = await SeedEndedAsync(factory, "prov-arch", 200);
        var recent = await SeedEndedAsync(factory, "prov-arch", 10);
        await factory.SendAsync(new ArchiveEndedContracts());

        await using var services = factory.ClientServices(admin: admin);
        var api = services.GetRequiredService<IAdminApi>();
        var byProvider = await api.ListArchivedContractsAsync(provider: "prov-arch", cancellationToken: Ct);
        Assert.Equal([(old.Hex, "rejected", Renter)], byProvider.Select(c => (c.ContractId, c.FinalState, c.RequesterAccountId)));
        Assert.Equal([old.Hex], (await api.ListArchivedContractsAsync(user: Renter.ToString(), cancellationToken: Ct)).Select(c => c.ContractId));
        var one = await api.GetArchivedContractAsync(old.Hex, Ct);
        Assert.Equal(("rejected", "requested", "rejected"), (one.FinalState, one.History.Single().From, one.History.Single().To));
        Assert.True(one.ArchivedAt > one.EndedAt);

        var missing = await Assert.ThrowsAsync<DecentCloudApiException>(() => api.GetArchivedContractAsync(recent.Hex, Ct));
        Assert.Equal((HttpStatusCode.NotFound, "archived_contract_not_found"), (missing.Status, missing.Code));
        var unfiltered = await Assert.ThrowsAsync<DecentCloudApiException>(() => api.ListArchivedContractsAsync(cancellationToken: Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "filter_required"), (unfiltered.Status, unfiltered.Code));
        var badLimit = await Assert.ThrowsAsync<DecentCloudApiException>(() => api.ListArchivedContractsAsync(provider: "prov-arch", limit: 0, cancellationToken: Ct));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_limit"), (badLimit.Status, badLimit.Code));
    }
}
