using DecentCloud.Application.Accounts;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.ProviderSelfService;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Application.Tests;

/// <summary>The provider's self-service over real SQLite stores: only its own pools, tokens, agents and contracts.</summary>
public sealed class ProviderSelfServiceTests : IAsyncLifetime
{
    private AppHarness _app = null!;

    public async ValueTask InitializeAsync() => _app = await AppHarness.CreateAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_route_needs_an_account_and_a_provider_profile()
    {
        var anonymous = new AccountPrincipal(new string('a', 64), null);
        Assert.Equal("account_not_found", (await _app.SendAsync(new ListOwnPools(anonymous))).FirstDomainError().Code);
        var user = await _app.AccountAsync();
        var refusals = new[]
        {
            (await _app.SendAsync(new CreateOwnPool(user, "pool-x"))).FirstDomainError(),
            (await _app.SendAsync(new ListOwnPools(user))).FirstDomainError(),
            (await _app.SendAsync(new CreateOwnSetupToken(user, "pool-x", null, null))).FirstDomainError(),
            (await _app.SendAsync(new ListOwnSetupTokens(user))).FirstDomainError(),
            (await _app.SendAsync(new RevokeOwnSetupToken(user, Guid.NewGuid().ToString()))).FirstDomainError(),
            (await _app.SendAsync(new ListOwnDelegations(user))).FirstDomainError(),
            (await _app.SendAsync(new LabelOwnDelegation(user, new string('b', 64), "x"))).FirstDomainError(),
            (await _app.SendAsync(new RevokeOwnDelegation(user, new string('b', 64)))).FirstDomainError(),
            (await _app.SendAsync(new ListOwnContracts(user, null, null, null))).FirstDomainError(),
            (await _app.SendAsync(new DecideOwnContract(user, new string('c', 64), true, null))).FirstDomainError(),
        };
        Assert.All(refusals, e => Assert.Equal((ErrorKind.Conflict, "provider_profile_required"), (e.Kind, e.Code)));
    }

    [Fact]
    public async Task A_provider_creates_and_lists_only_its_own_pools_and_tokens_for_them()
    {
        var owner = await _app.ProviderAsync();
        var other = await _app.ProviderAsync("pool-b");
        var pool = (await _app.SendAsync(new CreateOwnPool(owner, "pool-a"))).Value;
        Assert.Equal("pool_name_taken", (await _app.SendAsync(new CreateOwnPool(owner, "pool-b"))).FirstDomainError().Code);
        Assert.Equal("pool_name_taken", (await _app.SendAsync(new CreateOwnPool(other, "pool-a"))).FirstDomainError().Code);
        Assert.Equal(ErrorKind.Validation, (await _app.SendAsync(new CreateOwnPool(owner, "Bad Pool"))).FirstDomainError().Kind);
        Assert.Equal(["pool-a"], (await _app.SendAsync(new ListOwnPools(owner))).Value.Select(p => p.Name));
        Assert.Equal(["pool-b"], (await _app.SendAsync(new ListOwnPools(other))).Value.Select(p => p.Name));

        Assert.Equal("pool_not_found", (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-b", null, null))).FirstDomainError().Code);
        Assert.Equal("pool_not_found", (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-nobody", null, null))).FirstDomainError().Code);
        Assert.Equal("invalid_lifetime", (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-a", null, TimeSpan.FromDays(31)))).FirstDomainError().Code);
        var created = (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-a", ["provision"], TimeSpan.FromHours(2)))).Value;
        Assert.StartsWith("dcst_", created.Token, StringComparison.Ordinal);
        Assert.Equal((pool.Name, _app.Time.GetUtcNow().AddHours(2)), (created.Pool, created.ExpiresAt));

        var listed = Assert.Single((await _app.SendAsync(new ListOwnSetupTokens(owner))).Value);
        Assert.Equal((created.Id, "pool-a", (DateTimeOffset?)null), (listed.Id, listed.Pool, listed.ConsumedAt));
        Assert.Equal(created.Permissions, listed.Permissions);
        Assert.DoesNotContain(created.Id, (await _app.SendAsync(new ListOwnSetupTokens(other))).Value.Select(t => t.Id));

        var audit = await _app.AuditAsync();
        var actor = $"provider:{owner.AccountId}";
        Assert.Contains(audit, e => e.Action == "provider.pool.create" && e.Actor == actor && e.Subject == "pool-a");
        Assert.Contains(audit, e => e.Action == "agent.setup_token.create" && e.Actor == actor && e.Subject == "pool-a");
    }

    [Fact]
    public async Task A_revoked_setup_token_sets_up_nothing_and_another_provider_cannot_revoke_it()
    {
        var owner = await _app.ProviderAsync();
        var other = await _app.ProviderAsync();
        Assert.True((await _app.SendAsync(new CreateOwnPool(owner, "pool-a"))).IsSuccess);
        var token = (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-a", null, null))).Value;

        Assert.Equal("setup_token_not_found", (await _app.SendAsync(new RevokeOwnSetupToken(other, token.Id.ToString()))).FirstDomainError().Code);
        Assert.Equal("invalid_token_id", (await _app.SendAsync(new RevokeOwnSetupToken(owner, "nope"))).FirstDomainError().Code);
        Assert.True((await _app.SendAsync(new RevokeOwnSetupToken(owner, token.Id.ToString()))).IsSuccess);
        Assert.Empty((await _app.SendAsync(new ListOwnSetupTokens(owner))).Value);
        Assert.True((await _app.SendAsync(new SetupKey().Setup(token.Token, _app.Time.GetUtcNow()))).IsFailed);
        Assert.Equal("setup_token_not_found", (await _app.SendAsync(new RevokeOwnSetupToken(owner, token.Id.ToString()))).FirstDomainError().Code);
        Assert.Contains(await _app.AuditAsync(), e => e.Action == "agent.setup_token.revoke" && e.Subject == token.Id.ToString());

        // A used token is history: it stays listed, and the agent is what to revoke.
        var used = (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-a", null, null))).Value;
        var key = new SetupKey();
        Assert.True((await _app.SendAsync(key.Setup(used.Token, _app.Time.GetUtcNow()))).IsSuccess);
        Assert.Equal("setup_token_consumed", (await _app.SendAsync(new RevokeOwnSetupToken(owner, used.Id.ToString()))).FirstDomainError().Code);
        Assert.Equal(key.PublicKeyHex, Assert.Single((await _app.SendAsync(new ListOwnSetupTokens(owner))).Value).ConsumedBy);
    }

    [Fact]
    public async Task A_provider_lists_labels_and_revokes_only_its_own_agents()
    {
        var owner = await _app.ProviderAsync();
        var other = await _app.ProviderAsync();
        Assert.True((await _app.SendAsync(new CreateOwnPool(owner, "pool-a"))).IsSuccess);
        var key = new SetupKey();
        var token = (await _app.SendAsync(new CreateOwnSetupToken(owner, "pool-a", null, null))).Value;
        Assert.True((await _app.SendAsync(key.Setup(token.Token, _app.Time.GetUtcNow()))).IsSuccess);

        Assert.Empty((await _app.SendAsync(new ListOwnDelegations(other))).Value);
        Assert.Equal("agent_not_found", (await _app.SendAsync(new LabelOwnDelegation(other, key.PublicKeyHex, "mine now"))).FirstDomainError().Code);
        Assert.Equal("agent_not_found", (await _app.SendAsync(new RevokeOwnDelegation(other, key.PublicKeyHex))).FirstDomainError().Code);
        Assert.Equal("invalid_label", (await _app.SendAsync(new LabelOwnDelegation(owner, key.PublicKeyHex, new string('x', 65)))).FirstDomainError().Code);

        Assert.True((await _app.SendAsync(new LabelOwnDelegation(owner, key.PublicKeyHex, "rack-3"))).IsSuccess);
        var listed = Assert.Single((await _app.SendAsync(new ListOwnDelegations(owner))).Value);
        Assert.Equal((key.PublicKeyHex, "rack-3", (DateTimeOffset?)null), (listed.AgentPubkey, listed.Label, listed.RevokedAt));

        _app.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await _app.SendAsync(new RevokeOwnDelegation(owner, key.PublicKeyHex))).IsSuccess);
        Assert.Equal(_app.Time.GetUtcNow(), Assert.Single((await _app.SendAsync(new ListOwnDelegations(owner))).Value).RevokedAt);

        var audit = await _app.AuditAsync();
        Assert.Contains(audit, e => e.Action == "agent.label" && e.Subject == key.PublicKeyHex && e.Actor == $"provider:{owner.AccountId}");
        Assert.Contains(audit, e => e.Action == "agent.revoke" && e.Subject == key.PublicKeyHex && e.Actor == $"provider:{owner.AccountId}");
    }

    [Fact]
    public async Task Accepting_or_rejecting_records_the_response_time_and_only_an_unanswered_own_contract_can_be_decided()
    {
        var owner = await _app.ProviderAsync("pool-a");
        var other = await _app.ProviderAsync("pool-b");
        var requested = await _app.ContractForAsync(owner, "pool-a");
        var pending = await _app.ContractForAsync(owner, "pool-a", ContractState.Pending);
        var accepted = await _app.ContractForAsync(owner, "pool-a", ContractState.Accepted);

        Assert.Equal("contract_not_found", (await _app.SendAsync(new DecideOwnContract(other, requested, true, null))).FirstDomainError().Code);
        Assert.Equal("contract_not_found", (await _app.SendAsync(new DecideOwnContract(other, requested, false, "no"))).FirstDomainError().Code);
        Assert.Equal(ErrorKind.Validation, (await _app.SendAsync(new DecideOwnContract(owner, "not-hex", true, null))).FirstDomainError().Kind);

        _app.Time.Advance(TimeSpan.FromSeconds(95));
        var yes = (await _app.SendAsync(new DecideOwnContract(owner, requested, true, null))).Value;
        Assert.Equal(("accepted", 95L, _app.Time.GetUtcNow()), (yes.State, yes.ResponseTimeSeconds, yes.RespondedAt));
        _app.Time.Advance(TimeSpan.FromSeconds(5));
        var no = (await _app.SendAsync(new DecideOwnContract(owner, pending, false, "sold out"))).Value;
        Assert.Equal(("rejected", 100L), (no.State, no.ResponseTimeSeconds));

        var decided = (await _app.SendAsync(new DecideOwnContract(owner, accepted, false, "changed my mind"))).FirstDomainError();
        Assert.Equal((ErrorKind.Conflict, "contract_already_decided"), (decided.Kind, decided.Code));
        Assert.Equal("contract_already_decided", (await _app.SendAsync(new DecideOwnContract(owner, requested, true, null))).FirstDomainError().Code);

        var stored = await GetAsync(pending);
        Assert.Equal((ContractState.Rejected, TimeSpan.FromSeconds(100)), (stored.State, stored.ProviderResponseTime));
        Assert.Equal(($"provider:{owner.AccountId}", "sold out"), (stored.History[^1].Actor, stored.History[^1].Reason));
        Assert.Null((await GetAsync(accepted)).ProviderRespondedAt);

        var audit = await _app.AuditAsync();
        Assert.Contains(audit, e => e.Action == "contract.accepted" && e.Outcome == "ok" && e.Subject == requested);
        Assert.Contains(audit, e => e.Action == "contract.rejected" && e.Outcome == "ok" && e.Subject == pending);
        Assert.Contains(audit, e => e.Action == "contract.rejected" && e.Outcome == "refused" && e.Subject == accepted);
    }

    [Fact]
    public async Task An_operator_decision_still_works_and_records_no_provider_response_time()
    {
        var owner = await _app.ProviderAsync("pool-a");
        var id = await _app.ContractForAsync(owner, "pool-a");
        _app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await _app.SendAsync(new ChangeContractState(ContractId.FromHex(id).Value, ContractState.Accepted, "admin", "ok"))).IsSuccess);

        var stored = await GetAsync(id);
        Assert.Equal((ContractState.Accepted, (TimeSpan?)null), (stored.State, stored.ProviderResponseTime));
    }

    [Fact]
    public async Task The_contract_list_shows_only_own_contracts_newest_first_by_state_a_page_at_a_time()
    {
        var owner = await _app.ProviderAsync("pool-a");
        var other = await _app.ProviderAsync("pool-b");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _app.ContractForAsync(owner, "pool-a", i % 2 == 0 ? [] : [ContractState.Pending]));
            _app.Time.Advance(TimeSpan.FromMinutes(1));
        }

        await _app.ContractForAsync(other, "pool-b");
        var seen = new List<string>();
        int? offset = 0;
        while (offset is { } at)
        {
            var page = (await _app.SendAsync(new ListOwnContracts(owner, null, at, 2))).Value;
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(c => c.ContractId));
            offset = page.NextOffset;
        }

        Assert.Equal(Enumerable.Reverse(ids), seen);
        var pending = (await _app.SendAsync(new ListOwnContracts(owner, "pending", null, null))).Value;
        Assert.Equal([ids[3], ids[1]], pending.Items.Select(c => c.ContractId));
        Assert.Null(pending.NextOffset);

        Assert.Equal("invalid_state", (await _app.SendAsync(new ListOwnContracts(owner, "sleeping", null, null))).FirstDomainError().Code);
        Assert.Equal("invalid_limit", (await _app.SendAsync(new ListOwnContracts(owner, null, null, 101))).FirstDomainError().Code);
        Assert.Equal("invalid_offset", (await _app.SendAsync(new ListOwnContracts(owner, null, -1, null))).FirstDomainError().Code);
    }

    [Fact]
    public async Task An_accept_and_a_reject_racing_for_one_contract_end_with_exactly_one_decision()
    {
        var owner = await _app.ProviderAsync("pool-a");
        for (var round = 0; round < 10; round++)
        {
            var id = await _app.ContractForAsync(owner, "pool-a");
            var accept = Task.Run(() => _app.SendAsync(new DecideOwnContract(owner, id, true, null)));
            var reject = Task.Run(() => _app.SendAsync(new DecideOwnContract(owner, id, false, "race")));
            var results = await Task.WhenAll(accept, reject);

            var winner = Assert.Single(results, r => r.IsSuccess);
            var loser = Assert.Single(results, r => r.IsFailed);
            Assert.Equal("contract_already_decided", loser.FirstDomainError().Code);
            var stored = await GetAsync(id);
            Assert.Equal(winner.Value.State, stored.State.ToWireName());
            Assert.Single(stored.History);
        }
    }

    private async Task<Contract> GetAsync(string hex)
    {
        await using var scope = _app.Scope();
        var contracts = scope.ServiceProvider.GetRequiredService<IContractStore>();
        return (await contracts.FindAsync(ContractId.FromHex(hex).Value, TestContext.Current.CancellationToken))!;
    }
}
