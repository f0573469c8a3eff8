using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Application.Tests;

public class PipelineBehaviourTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_conflict_is_retried_on_fresh_state_until_the_handler_succeeds()
    {
        var unitOfWork = new CountingUnitOfWork();
        var behaviour = new ConflictRetryBehavior<Probe, Result<int>>(unitOfWork, NullLogger<ConflictRetryBehavior<Probe, Result<int>>>.Instance);
        var calls = 0;

        var result = await behaviour.Handle(new Probe(null), (_, _) => ++calls < 3 ? throw new ConcurrencyConflictException() : new ValueTask<Result<int>>(Result.Ok(calls)), CancellationToken.None);

        Assert.Equal(3, result.Value);
        Assert.Equal(2, unitOfWork.Resets);
    }

    [Fact]
    public async Task Persistent_conflicts_propagate_after_the_last_attempt()
    {
        var unitOfWork = new CountingUnitOfWork();
        var behaviour = new ConflictRetryBehavior<Probe, Result<int>>(unitOfWork, NullLogger<ConflictRetryBehavior<Probe, Result<int>>>.Instance);
        var calls = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(async () =>
            await behaviour.Handle(new Probe(null), (_, _) => { calls++; throw new ConcurrencyConflictException(); }, CancellationToken.None));

        Assert.Equal(ConflictRetryBehavior<Probe, Result<int>>.Attempts, calls);
        Assert.Equal(5, calls);
    }

    [Fact]
    public async Task A_command_can_turn_persistent_conflicts_into_its_own_error()
    {
        var unitOfWork = new CountingUnitOfWork();
        var error = DomainErrors.Conflict("busy", "try later");
        var behaviour = new ConflictRetryBehavior<Probe, Result<int>>(unitOfWork, NullLogger<ConflictRetryBehavior<Probe, Result<int>>>.Instance);

        var result = await behaviour.Handle(new Probe(error), (_, _) => throw new ConcurrencyConflictException(), CancellationToken.None);

        Assert.Same(error, Assert.Single(result.Errors));
        Assert.Equal(5, unitOfWork.Resets);
    }

    [Fact]
    public async Task The_audit_behaviour_writes_what_the_command_declares_for_its_ending()
    {
        var audit = new ListAuditLog();
        var behaviour = new AuditBehavior<Probe, Result<int>>(audit, new CountingUnitOfWork(), new FakeTimeProvider(Now));

        await behaviour.Handle(new Probe(null), (_, _) => new ValueTask<Result<int>>(Result.Ok(1)), CancellationToken.None);
        await behaviour.Handle(new Probe(null), (_, _) => new ValueTask<Result<int>>(Result.Fail<int>(DomainErrors.NotFound("gone", "gone"))), CancellationToken.None);
        await behaviour.Handle(new Probe(null), (_, _) => new ValueTask<Result<int>>(Result.Fail<int>(DomainError.Invalid("quiet", "not audited"))), CancellationToken.None);

        Assert.Equal(
            [new AuditEntry(Now, "probe", "ok", "tester", "thing", "192.0.2.1"), new AuditEntry(Now, "probe", "gone", "tester", "thing", "192.0.2.1")],
            audit.Entries);
    }

    [Fact]
    public async Task A_hidden_outcome_is_audited_but_the_caller_sees_only_the_code()
    {
        var error = AuditNote.WithOutcome(DomainErrors.Unauthorized("invalid_signature", "no"), "stale");
        var result = Result.Fail(error);
        Assert.Equal("stale", AuditNote.OutcomeOf(result));
        Assert.Equal("invalid_signature", result.FirstDomainError().Code);
    }

    [Fact]
    public async Task The_pipeline_retries_a_real_command_and_audits_it_once()
    {
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s => FlakyUnitOfWork.Install(s, faults));
        faults.Add(new ConcurrencyConflictException("lost a race"), times: 2);

        var registered = await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", "192.0.2.5"));

        Assert.True(registered.IsSuccess);
        Assert.Equal(2, faults.Resets);
        var entry = Assert.Single(await app.AuditAsync(), a => a.Action == "gateway.register");
        Assert.Equal(("ok", "dc-lk", "192.0.2.5"), (entry.Outcome, entry.Subject, entry.ClientAddress));
    }

    [Fact]
    public async Task An_acme_dns_update_that_loses_every_race_is_a_dns_failure_as_before()
    {
        var faults = new SaveFaults();
        await using var app = await AppHarness.CreateAsync(configureServices: s => FlakyUnitOfWork.Install(s, faults));
        var creds = (await app.SendAsync(new RegisterGateway(AppHarness.Agent("prov-a"), "dc-lk", null))).Value;
        faults.Add(new ConcurrencyConflictException("lost a race"), times: 5);

        var result = await app.SendAsync(new UpdateAcmeTxt(creds.AcmeDnsUsername.ToString(), creds.AcmeDnsPassword, "dc-lk", new string('a', 43), null));

        Assert.Equal((ErrorKind.Upstream, AcmeDnsErrors.DnsUpdateFailed), (result.FirstDomainError().Kind, result.FirstDomainError().Code));
        var entry = Assert.Single(await app.AuditAsync(), a => a.Action == "acme_dns.update");
        Assert.Equal(("dns_update_failed", creds.AcmeDnsUsername.ToString(), "dc-lk"), (entry.Outcome, entry.Actor, entry.Subject));
    }

    [Fact]
    public async Task The_audit_entries_of_the_use_cases_keep_their_actions_and_outcomes()
    {
        await using var app = await AppHarness.CreateAsync();
        var owner = AppHarness.Agent("prov-a");
        var rival = AppHarness.Agent("prov-b");
        await app.SendAsync(new RegisterGateway(owner, "dc-lk", "192.0.2.1"));
        await app.SendAsync(new RegisterGateway(rival, "dc-lk", "192.0.2.2"));
        await app.SendAsync(new RegisterGateway(owner, "Not_A_Dc_Id", null));
        await app.SendAsync(new RevokeGatewayCredentials(null, "dc-lk", "admin"));
        var token = (await app.SendAsync(new CreateSetupToken("pool-a", "prov-a", null, null))).Value;
        var agentKey = new SetupKey();
        var key = agentKey.PublicKeyHex;
        await app.SendAsync(agentKey.Setup(token.Token, app.Time.GetUtcNow(), "192.0.2.3", keyHex: key.ToUpperInvariant()));
        await app.SendAsync(agentKey.Setup(token.Token, app.Time.GetUtcNow(), "192.0.2.4"));
        await app.SendAsync(new LabelAgentDelegation(key.ToUpperInvariant(), "host-1", "admin"));
        await app.SendAsync(new RevokeAgentDelegation(null, key, "admin"));

        var trail = (await app.AuditAsync()).Reverse().Select(a => (a.Action, a.Outcome, a.Actor, a.Subject, a.ClientAddress)).ToList();
        Assert.Equal(
            [
                ("gateway.register", "ok", owner.AgentKey.Hex, "dc-lk", "192.0.2.1"),
                ("gateway.register", "conflict", rival.AgentKey.Hex, "dc-lk", "192.0.2.2"),
                ("gateway.revoke", "ok", "admin", "dc-lk", null),
                ("agent.setup_token.create", "ok", "admin", "pool-a", null),
                ("agent.setup", "ok", key, "pool-a", "192.0.2.3"),
                ("agent.setup", "invalid_token", key, string.Empty, "192.0.2.4"),
                ("agent.label", "ok", "admin", key, null),
                ("agent.revoke", "ok", "admin", key, null),
            ],
            trail);
    }

    /// <summary>A command for the behaviours alone (the generated mediator never sees it).</summary>
    public sealed record Probe(IError? ConflictError) : ICommand<Result<int>>, IRetryOnConflict, IAudited
    {
        IError? IRetryOnConflict.ErrorWhenConflictsPersist => ConflictError;

        public AuditNote? Audit(IResultBase result) =>
            result.IsFailed && result.FirstDomainError().Kind == ErrorKind.Validation
                ? null
                : new AuditNote("probe", AuditNote.OutcomeOf(result), "tester", "thing", "192.0.2.1");
    }

    private sealed class CountingUnitOfWork : IUnitOfWork
    {
        public int Resets { get; private set; }

        public Task SaveChangesAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Reset() => Resets++;

        public Task StartOverAsync()
        {
            Resets++;
            return Task.CompletedTask;
        }

        public Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => work();

        public Task<T> InHeldTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken) => work();
    }

    private sealed class ListAuditLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];

        public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
        {
            Entries.Add(entry);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<AuditEntry>> RecentAsync(int count, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.AsEnumerable().Reverse().Take(count).ToList());

        public Task<int> PruneAsync(DateTimeOffset cutoff, int keepRefusals, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not used by these tests");
    }
}
