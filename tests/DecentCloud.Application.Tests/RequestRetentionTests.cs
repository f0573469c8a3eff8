using DecentCloud.Application.Contracts;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Application.Tests.AccountAbuseTests;

namespace DecentCloud.Application.Tests;

/// <summary>
/// Issue 10, finding 1 (retention): requests that ended without a payment or a machine leave the contracts table for
/// the request archive after the retention period; anything paid, provisioned or still open stays.
/// </summary>
public class RequestRetentionTests
{
    private const string Provider = "prov-r";
    private const string Pool = "pool-r";

    [Fact]
    public async Task Ended_unpaid_requests_are_archived_after_the_retention_period_and_nothing_else()
    {
        await using var app = await AppHarness.CreateAsync();
        await AddPoolAsync(app, Pool, Provider);
        var user = await RegisterAsync(app, Key(500));
        var expired = await RequestAsync(app, user);
        var rejected = await RequestAsync(app, user);
        var paidThenCancelled = await RequestAsync(app, user);
        var accepted = await RequestAsync(app, user);
        Assert.True((await app.SendAsync(new ChangeContractState(rejected, ContractState.Rejected, "provider", "no capacity"))).IsSuccess);
        Assert.True((await app.SendAsync(new ChangeContractState(paidThenCancelled, ContractState.Accepted, "provider", "ok"))).IsSuccess);
        Assert.True((await app.SendAsync(new MarkContractPaid(paidThenCancelled, "test"))).IsSuccess);
        Assert.True((await app.SendAsync(new ChangeContractState(paidThenCancelled, ContractState.Cancelled, "user", "changed my mind"))).IsSuccess);
        Assert.True((await app.SendAsync(new ChangeContractState(accepted, ContractState.Accepted, "provider", "ok"))).IsSuccess);

        app.Time.Advance(new ContractTimeoutOptions().RequestTimeout + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.SendAsync(new ApplyContractTimeouts()));

        // Before the retention period has passed nothing moves.
        Assert.Equal(0, await app.SendAsync(new ArchiveEndedRequests()));

        app.Time.Advance(new ContractRetentionOptions().RequestRetention + TimeSpan.FromSeconds(1));
        Assert.Equal(2, await app.SendAsync(new ArchiveEndedRequests()));
        Assert.Equal(0, await app.SendAsync(new ArchiveEndedRequests()));

        await using var scope = app.Scope();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractStore>();
        var archive = scope.ServiceProvider.GetRequiredService<IContractRequestArchive>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Null(await contracts.FindAsync(expired, ct));
        Assert.Null(await contracts.FindAsync(rejected, ct));
        Assert.NotNull(await contracts.FindAsync(paidThenCancelled, ct));
        Assert.NotNull(await contracts.FindAsync(accepted, ct));

        var archivedExpired = await archive.FindAsync(expired, ct);
        Assert.Equal(("expired", user.AccountId!.Value, Provider, Pool), (archivedExpired!.FinalState, archivedExpired.RequesterAccountId, archivedExpired.ProviderId, archivedExpired.Pool));
        Assert.Contains("requested -> expired", archivedExpired.History, StringComparison.Ordinal);
        Assert.Contains("requested -> rejected", (await archive.FindAsync(rejected, ct))!.History, StringComparison.Ordinal);
        Assert.Null(await archive.FindAsync(accepted, ct));
    }

    [Fact]
    public async Task An_archived_request_no_longer_counts_against_the_open_request_quota_nor_blocks_new_ones()
    {
        await using var app = await AppHarness.CreateAsync();
        await AddPoolAsync(app, Pool, Provider);
        var user = await RegisterAsync(app, Key(501));
        var id = await RequestAsync(app, user);
        app.Time.Advance(new ContractTimeoutOptions().RequestTimeout + new ContractRetentionOptions().RequestRetention + TimeSpan.FromSeconds(2));
        Assert.Equal(1, await app.SendAsync(new ApplyContractTimeouts()));
        app.Time.Advance(new ContractRetentionOptions().RequestRetention + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await app.SendAsync(new ArchiveEndedRequests()));
        Assert.Equal("contract_not_found", Code(await app.SendAsync(new GetAccountContract(user, id.Hex))));
        Assert.Equal("ok", Code(await app.SendAsync(Request(user, Provider, Pool))));
    }

    private static async Task<ContractId> RequestAsync(AppHarness app, Application.Accounts.AccountPrincipal user)
    {
        var made = await app.SendAsync(Request(user, Provider, Pool));
        Assert.True(made.IsSuccess, string.Join(", ", made.Errors));
        return ContractId.FromHex(made.Value.ContractId).Value;
    }
}
