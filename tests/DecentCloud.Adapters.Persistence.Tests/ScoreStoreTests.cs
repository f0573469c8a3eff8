using System.Collections.Concurrent;
using DecentCloud.Application.Common;
using DecentCloud.Application.Contracts;
using DecentCloud.Application.Accounts;
using DecentCloud.Application.Trust;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Trust;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Adapters.Persistence.Tests;

/// <summary>Scores read from every contract source, stored once per provider per run, and feedback given once.</summary>
public class ScoreStoreTests
{
    private static readonly AgentPublicKey Agent = AgentPublicKey.FromHex(new string('e', 64)).Value;

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ContractId NewId() => ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;

    private static string NewProvider() => "prov-" + Guid.NewGuid().ToString("N")[..12];

    private static Contract Requested(string provider, DateTimeOffset at) => Contract.Request(NewId(), TestTerms.Create(free: true, provider: provider, durationSeconds: 30 * 86400), at);

    private static Contract Completed(string provider, DateTimeOffset at)
    {
        var contract = Requested(provider, at);
        Assert.True(contract.DecideAsProvider(true, "provider", "ok", at.AddHours(2)).IsSuccess);
        Assert.True(contract.AcquireLease(Agent, at.AddHours(3), TimeSpan.FromMinutes(10)).IsSuccess);
        Assert.True(contract.BeginProvisioning(Agent, at.AddHours(3)).IsSuccess);
        Assert.True(contract.CompleteProvisioning(Agent, "vm-1", "{}", "root", at.AddHours(4)).IsSuccess);
        Assert.True(contract.MoveTo(ContractState.Active, "agent", "healthy", at.AddHours(5)).IsSuccess);
        Assert.True(contract.MoveTo(ContractState.Completed, "system", "term ended", at.AddDays(30)).IsSuccess);
        return contract;
    }

    private static async Task SaveAsync(TestDatabase db, params Contract[] contracts)
    {
        await using var scope = db.Scope();
        foreach (var contract in contracts)
        {
            scope.ServiceProvider.GetRequiredService<IContractStore>().Add(contract);
        }

        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
    }

    private static async Task<List<(string Source, ContractOutcome Outcome)>> OutcomesAsync(TestDatabase db, string provider)
    {
        await using var scope = db.Scope();
        var all = new List<(string, ContractOutcome)>();
        foreach (var source in scope.ServiceProvider.GetServices<IContractOutcomeSource>())
        {
            all.AddRange((await source.ReadAsync(ProviderId.Create(provider).Value, Ct)).Select(o => (source.GetType().Name, o)));
        }

        return [.. all.OrderBy(o => o.Item2.ContractId, StringComparer.Ordinal)];
    }

    private static async Task<ProviderScores> RecomputeAsync(IServiceProvider services, string provider)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecomputeProviderScores(provider), Ct)).Value;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Requests_score_the_same_from_the_live_table_and_from_the_request_archive(string providerName)
    {
        await using var db = await TestDatabase.CreateAsync(providerName);
        var provider = NewProvider();
        var t0 = DateTimeOffset.UtcNow.AddDays(-60);
        var completed = Completed(provider, t0);
        var rejected = Requested(provider, t0.AddHours(1));
        Assert.True(rejected.DecideAsProvider(false, "provider", "no stock", t0.AddHours(7)).IsSuccess);
        var cancelled = Requested(provider, t0.AddHours(2));
        Assert.True(cancelled.MoveTo(ContractState.Cancelled, "account:x", "changed my mind", t0.AddHours(3)).IsSuccess);
        var expired = Requested(provider, t0.AddHours(3));
        Assert.True(expired.MoveTo(ContractState.Expired, "system", "unanswered", t0.AddHours(5)).IsSuccess);
        var rejected2 = Requested(provider, t0.AddHours(4));
        Assert.True(rejected2.DecideAsProvider(false, "provider", "no", t0.AddHours(4.5)).IsSuccess);
        await SaveAsync(db, completed, rejected, cancelled, expired, rejected2);
        await using (var scope = db.Scope())
        {
            var feedback = ContractFeedback.Give(completed, TestTerms.Account, true, false, t0.AddDays(31)).Value;
            scope.ServiceProvider.GetRequiredService<IContractFeedbackStore>().Add(feedback);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().SaveChangesAsync(Ct);
        }

        var live = await OutcomesAsync(db, provider);
        Assert.All(live, o => Assert.Equal("LiveContractOutcomeSource", o.Source));
        Assert.Equal(5, live.Count);
        var before = await RecomputeAsync(db.Services, provider);

        await using (var scope = db.Scope())
        {
            var archive = scope.ServiceProvider.GetRequiredService<IContractRequestArchive>();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.InTransactionAsync(async () =>
            {
                foreach (var request in await archive.LockEndedRequestsAsync(DateTimeOffset.UtcNow, 100, Ct))
                {
                    archive.Archive(request, DateTimeOffset.UtcNow);
                }

                await unitOfWork.SaveChangesAsync(Ct);
                return true;
            }, Ct);
        }

        var after = await OutcomesAsync(db, provider);
        Assert.Equal(["LiveContractOutcomeSource", "RequestArchiveOutcomeSource", "RequestArchiveOutcomeSource", "RequestArchiveOutcomeSource", "RequestArchiveOutcomeSource"],
            after.Select(o => o.Source).Order(StringComparer.Ordinal));
        Assert.Equal(live.Select(o => o.Outcome), after.Select(o => o.Outcome));
        Assert.Equal(true, after.Single(o => o.Outcome.ContractId == completed.Id.Hex).Outcome.MatchedDescription);

        var again = await RecomputeAsync(db.Services, provider);
        // The one cancellation came an hour into the request (early): -25; 2 rejected of 5 (40 % > 30 %): -15; no profile: -10;
        // answers in 2 h, 6 h and 0.5 h (under 4 h on average): +5; completion 1 of 4: no bonus.
        Assert.Equal(["early_cancellations", "rejections", "no_public_contact", "fast_response"], before.Trust.Factors.Select(f => f.Code));
        Assert.Equal(55, before.Trust.Score);
        Assert.Equal(before.Trust.Score, again.Trust.Score);
        Assert.Equal(before.Trust.Factors, again.Trust.Factors);
        Assert.Equal(before.Reliability.Score, again.Reliability.Score);
        Assert.Equal(before.Reliability.Factors, again.Reliability.Factors);

        await using (var scope = db.Scope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<IProviderScoreStore>().FindAsync(ProviderId.Create(provider).Value, Ct);
            Assert.NotNull(stored);
            Assert.Equal(55, stored.Trust.Score);
            Assert.Equal(TrustTier.HighRisk, stored.Trust.Tier);
            Assert.Equal(again.Trust.Factors, stored.Trust.Factors);
            Assert.Equal(again.Reliability.Score, stored.Reliability.Score);
            Assert.Equal(again.Reliability.Factors, stored.Reliability.Factors);
        }
    }

    /// <summary>Counts how often each provider's contracts are read, across instances.</summary>
    private sealed class CountingSource(ConcurrentDictionary<string, int> reads) : IContractOutcomeSource
    {
        public Task<IReadOnlyList<ContractOutcome>> ReadAsync(ProviderId providerId, CancellationToken cancellationToken)
        {
            reads.AddOrUpdate(providerId.Value, 1, (_, n) => n + 1);
            return Task.FromResult<IReadOnlyList<ContractOutcome>>([]);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_instances_running_the_job_score_each_provider_once(string providerName)
    {
        await using var db = await TestDatabase.CreateAsync(providerName);
        var providers = Enumerable.Range(0, 12).Select(_ => NewProvider()).ToList();
        var t0 = DateTimeOffset.UtcNow.AddDays(-40);
        await SaveAsync(db, [.. providers.Select(p => Completed(p, t0))]);
        var reads = new ConcurrentDictionary<string, int>();
        void Configure(IServiceCollection s)
        {
            s.Configure<ScoreOptions>(o => o.BatchSize = 2);
            s.AddScoped<IContractOutcomeSource>(_ => new CountingSource(reads));
        }

        await using var a = db.NewInstance(configure: Configure);
        await using var b = db.NewInstance(configure: Configure);
        async Task<int> RunAsync(IServiceProvider services)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecomputeScores(), Ct);
        }

        // PostgreSQL: the two run at once and split the providers with skipped row locks. SQLite has one writer: in turn.
        var counts = db.Options.UsesPostgres ? await Task.WhenAll(RunAsync(a), RunAsync(b)) : [await RunAsync(a), await RunAsync(b)];
        Assert.Equal(providers.Count, counts.Sum());
        Assert.Equal(providers.Order(StringComparer.Ordinal), reads.Keys.Order(StringComparer.Ordinal));
        Assert.All(reads.Values, n => Assert.Equal(1, n));
        Assert.Equal(0, await RunAsync(a));

        await using var scope = db.Scope();
        var board = await scope.ServiceProvider.GetRequiredService<IProviderScoreStore>().LeaderboardAsync(0, 100, Ct);
        Assert.Equal(providers.Order(StringComparer.Ordinal), board.Select(s => s.ProviderId.Value).Order(StringComparer.Ordinal));
        // One completed contract answered in 2 h, no public contact (no profile): 100 - 10 + 5 (completion 100 %) + 5 (response under 4 h).
        Assert.All(board, s => Assert.Equal(["no_public_contact", "high_completion", "fast_response"], s.Trust.Factors.Select(f => f.Code)));
        Assert.All(board, s => Assert.Equal(100, s.Trust.Score));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_concurrent_answers_to_the_same_contract_leave_exactly_one_feedback(string providerName)
    {
        await using var db = await TestDatabase.CreateAsync(providerName);
        var provider = NewProvider();
        var contract = Completed(provider, DateTimeOffset.UtcNow.AddDays(-40));
        await SaveAsync(db, contract);
        await using var a = db.NewInstance();
        await using var b = db.NewInstance();
        var user = new AccountPrincipal(new string('a', 64), TestTerms.Account);
        async Task<FluentResults.Result<ContractFeedback>> GiveAsync(IServiceProvider services, bool again)
        {
            await using var scope = services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GiveContractFeedback(user, contract.Id.Hex, true, again), Ct);
        }

        var results = await Task.WhenAll(GiveAsync(a, true), GiveAsync(b, false));
        Assert.Single(results, r => r.IsSuccess);
        var refused = Assert.Single(results, r => r.IsFailed);
        var error = Assert.IsType<DomainError>(refused.Errors[0]);
        Assert.Equal(ErrorKind.Conflict, error.Kind);
        Assert.Equal("feedback_already_given", error.Code);

        await using var check = db.Scope();
        var stored = await check.ServiceProvider.GetRequiredService<IContractFeedbackStore>().ListAsync(ProviderId.Create(provider).Value, Ct);
        var only = Assert.Single(stored);
        Assert.Equal(results.Single(r => r.IsSuccess).Value.WouldRentAgain, only.WouldRentAgain);
    }
}
