using System.Net;
using System.Text.Json;
using DecentCloud.Api.Client;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.DependencyInjection;
using static DecentCloud.Api.Tests.Protocol;

namespace DecentCloud.Api.Tests;

/// <summary>The trust routes: feedback once after the end, the trust page, the leaderboard, the admin recompute and the search's score sorts.</summary>
public sealed class TrustRouteTests : ApiRouteTest
{
    private const string Profile = """{"name":"Acme Hosting","country":"DE","email":"ops@acme.example"}""";

    private readonly TestKey _admin = TestKey.Random();

    protected override Dictionary<string, string?> Settings => new() { ["DC_ADMIN_PUBLIC_KEYS"] = _admin.PublicKeyHex };

    private async Task MoveAsync(string id, params ContractState[] states)
    {
        foreach (var state in states)
        {
            Assert.True((await Factory.SendAsync(new ChangeContractState(ContractId.FromHex(id).Value, state, "test", "operator move"))).IsSuccess, state.ToString());
        }
    }

    private async Task<string> CompletedAsync(TestUser user, string provider, string pool)
    {
        var id = await PaidContractAsync(Factory, Client, user, provider, pool);
        await MoveAsync(id, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active, ContractState.Completed);
        return id;
    }

    private async Task<string> RejectedAsync(TestUser user, string provider, string pool)
    {
        var id = await PaidContractAsync(Factory, Client, user, provider, pool, pay: false);
        await MoveAsync(id, ContractState.Rejected);
        return id;
    }

    [Fact]
    public async Task Feedback_is_given_once_by_the_renter_after_the_contract_ended()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var id = await PaidContractAsync(Factory, Client, user, "prov-fb", "pool-fb", pay: false);
        var path = $"/api/v1/contracts/{id}/feedback";
        const string Answer = """{"matchedDescription":true,"wouldRentAgain":false}""";

        var (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Post, path, Answer));
        Assert.Equal((HttpStatusCode.Conflict, "contract_not_ended"), (status, problem.GetProperty("code").GetString()));
        await MoveAsync(id, ContractState.Cancelled);

        var stranger = new TestUser();
        await RegisterAsync(Client, stranger);
        (status, problem) = await SendAsync(Client, stranger.Signed(HttpMethod.Post, path, Answer));
        Assert.Equal((HttpStatusCode.NotFound, "contract_not_found"), (status, problem.GetProperty("code").GetString()));
        using (var unsigned = new HttpRequestMessage(HttpMethod.Post, path) { Content = ApiFactory.Json(Answer) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
        }

        (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Post, path, """{"matchedDescription":true}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_would_rent_again"), (status, problem.GetProperty("code").GetString()));

        using var services = Factory.ClientServices(device: user.Device);
        var given = await services.GetRequiredService<IAccountApi>().GiveContractFeedbackAsync(id, new ContractFeedbackRequest(true, false), Ct);
        Assert.Equal((id, true, false), (given.ContractId, given.MatchedDescription, given.WouldRentAgain));

        (status, problem) = await SendAsync(Client, user.Signed(HttpMethod.Post, path, """{"matchedDescription":false,"wouldRentAgain":true}"""));
        Assert.Equal((HttpStatusCode.Conflict, "feedback_already_given"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_trust_page_the_admin_recompute_the_job_and_the_leaderboard_agree()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        using var services = Factory.ClientServices(device: user.Device, admin: _admin);
        var api = services.GetRequiredService<IPublicApi>();

        // Before a completed contract: no score, but the page answers (computed on the spot).
        var accepted = await PaidContractAsync(Factory, Client, user, "prov-a", "pool-a");
        var early = await api.GetProviderTrustAsync("prov-a", Ct);
        Assert.Equal((null, null, true), (early.TrustScore, early.Tier, early.NotEnoughData));
        Assert.Empty(early.Signals);

        await MoveAsync(accepted, ContractState.Provisioning, ContractState.Provisioned, ContractState.Active, ContractState.Completed);
        var recomputed = await services.GetRequiredService<IAdminApi>().RecomputeProviderScoresAsync("prov-a", Ct);
        // No public contact: -10; completion 1 of 1: +5. Reliability: uptime 50 (no checks) x 0.40 + 100 x 0.35 + 100 x 0.25.
        Assert.Equal((95, "reliable", false), (recomputed.TrustScore, recomputed.Tier, recomputed.NotEnoughData));
        Assert.Equal([("no_public_contact", "warning", -10m), ("high_completion", "bonus", 5m)], recomputed.TrustFactors.Select(f => (f.Code, f.Severity, f.Points)));
        Assert.Equal(80m, recomputed.ReliabilityScore);
        Assert.Equal(["uptime", "completion", "response"], recomputed.ReliabilityFactors.Select(f => f.Code));

        var page = await api.GetProviderTrustAsync("prov-a", Ct);
        Assert.Equal(recomputed.ComputedAt, page.ComputedAt);
        Assert.Equal(recomputed.TrustFactors, page.TrustFactors);

        // B: one completed, one rejected (50 % > 30 %): 100 - 15 - 10 = 75, caution. C: nothing completed.
        await CompletedAsync(user, "prov-b", "pool-b");
        await RejectedAsync(user, "prov-b", "pool-b");
        await RejectedAsync(user, "prov-c", "pool-c");
        // A was scored a moment ago: the job leaves it (fresh) and scores B and C.
        Assert.Equal(2, await Factory.SendAsync(new RecomputeScores()));

        var board = await api.GetLeaderboardAsync(cancellationToken: Ct);
        Assert.Equal([(1, "prov-a", (int?)95, "reliable"), (2, "prov-b", 75, "caution"), (3, "prov-c", null, null)],
            board.Items.Select(e => (e.Rank, e.ProviderId, e.TrustScore, e.Tier)));
        Assert.Null(board.NextOffset);
        var first = await api.GetLeaderboardAsync(0, 2, Ct);
        Assert.Equal(["prov-a", "prov-b"], first.Items.Select(e => e.ProviderId));
        Assert.Equal(2, first.NextOffset);
        var second = await api.GetLeaderboardAsync(2, 2, Ct);
        Assert.Equal([(3, "prov-c")], second.Items.Select(e => (e.Rank, e.ProviderId)));
        Assert.Null(second.NextOffset);
        var (status, problem) = await SendAsync(Client, new HttpRequestMessage(HttpMethod.Get, "/api/v1/providers/leaderboard?limit=0"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_limit"), (status, problem.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task The_admin_recompute_needs_an_admin_signature()
    {
        var user = new TestUser();
        await RegisterAsync(Client, user);
        var (status, _) = await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/admin/providers/prov-a/scores"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        using var unsigned = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/providers/prov-a/scores");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(Client, unsigned)).Status);
    }

    [Fact]
    public async Task The_offering_search_sorts_by_the_stored_trust_and_reliability()
    {
        var cheap = new TestUser();
        var dear = new TestUser();
        var renter = new TestUser();
        await RegisterAsync(Client, cheap);
        await RegisterAsync(Client, dear);
        await RegisterAsync(Client, renter);
        var cheapProvider = await BecomeProviderAsync(cheap);
        var dearProvider = await BecomeProviderAsync(dear);
        await PublishAsync(cheap, cheapProvider, "pool-x", "12.50");
        await PublishAsync(dear, dearProvider, "pool-y", "20");
        // The dear provider completed a contract; the cheap one only rejected one (no trust score, response 0 %).
        await CompletedAsync(renter, dearProvider, "pool-y");
        await RejectedAsync(renter, cheapProvider, "pool-x");
        Assert.Equal(2, await Factory.SendAsync(new RecomputeScores()));

        async Task<string[]> SearchAsync(string sort)
        {
            var (status, body) = await SendAsync(Client, new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings?sort={sort}"));
            Assert.Equal(HttpStatusCode.OK, status);
            return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("providerId").GetString()!)];
        }

        Assert.Equal([cheapProvider, dearProvider], await SearchAsync("price"));
        Assert.Equal([dearProvider, cheapProvider], await SearchAsync("trust"));
        Assert.Equal([dearProvider, cheapProvider], await SearchAsync("reliability"));
        var (bad, problem) = await SendAsync(Client, new HttpRequestMessage(HttpMethod.Get, "/api/v1/offerings?sort=score"));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_sort"), (bad, problem.GetProperty("code").GetString()));
    }

    private async Task<string> BecomeProviderAsync(TestUser user)
    {
        var (status, profile) = await SendAsync(Client, user.Signed(HttpMethod.Put, "/api/v1/providers/me/profile", Profile));
        Assert.Equal(HttpStatusCode.OK, status);
        return profile.GetProperty("providerId").GetString()!;
    }

    private async Task PublishAsync(TestUser user, string provider, string pool, string price)
    {
        Assert.True((await Factory.SendAsync(new CreateSetupToken(pool, provider, null, null))).IsSuccess);
        var draft = $$"""
            {"name":"small","cores":2,"memoryMb":2048,"storageGb":40,"region":"eu-central","country":"DE","pool":"{{pool}}",
             "backend":"docker","monthlyPriceUsd":"{{price}}","slaTargetBasisPoints":9990,"minDurationSeconds":3600,"maxDurationSeconds":7776000,"stock":3}
            """;
        var (status, _) = await SendAsync(Client, user.Signed(HttpMethod.Post, "/api/v1/providers/me/offerings", draft));
        Assert.Equal(HttpStatusCode.Created, status);
    }
}
