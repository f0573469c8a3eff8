using System.Collections.Concurrent;
using DecentCloud.Agent.Run;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Running;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// A credential key of low order (its X25519 agreement is all zero) can never receive a sealed password: the agent's
/// real sealer refuses it, the contract is failed once with a clear reason and no retry, a password reset is failed
/// without touching the machine, and no log line carries the key.
/// </summary>
public sealed class LowOrderRecipientKeyTests
{
    private const string ContractHex = "00112233445566778899aabbccddeeff";
    private const string GoodDeviceKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    // u = 0 (order 2), u = 1 (order 4), u = p - 1 (order 4); and an Ed25519 key with y = 0, which converts to u = 1.
    public static TheoryData<string, string> LowOrderKeys => new()
    {
        { new string('0', 64), GoodDeviceKey },
        { "01" + new string('0', 62), GoodDeviceKey },
        { "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", GoodDeviceKey },
        { "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", new string('0', 64) },
    };

    [Theory]
    [MemberData(nameof(LowOrderKeys))]
    public async Task A_contract_whose_credential_key_is_low_order_is_failed_once_with_a_reason_and_no_machine(string accountKey, string deviceKey)
    {
        var api = new OneContractApi(Pending(accountKey, deviceKey));
        var provisioner = new CountingProvisioner();
        var logs = new ListLogger<ContractProvisioner>();
        var contracts = new ContractProvisioner(
            api, provisioner, new EnvelopeJournal(new MemoryStore()), new CryptoCredentialSealer(), new NoHostKeys(), new HostKeyJournal(new MemoryStore()),
            new ProviderAgentOptions { HostKeyWait = TimeSpan.Zero }, TimeProvider.System, logs);

        var error = await Record.ExceptionAsync(() => contracts.RunAsync(api.Contract, TestContext.Current.CancellationToken));

        Assert.True(error is null, $"provisioning threw {error?.GetType().Name}: {error?.Message} (the loop would retry it at every poll)");
        Assert.Equal(["provisioning", "provisioning_failed"], api.Reports.Select(r => r.Status));
        var reason = api.Reports.Last().Reason;
        Assert.NotNull(reason);
        Assert.Contains("low order", reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, provisioner.Created);
        AssertNoKeyIn(reason, accountKey, deviceKey);
        AssertNoKeyIn(string.Join('\n', logs.Lines), accountKey, deviceKey);
    }

    [Theory]
    [MemberData(nameof(LowOrderKeys))]
    public async Task A_password_reset_for_a_low_order_key_is_failed_before_the_machine_is_touched(string accountKey, string deviceKey)
    {
        var api = new OneContractApi(Pending(accountKey, deviceKey));
        api.Resets.Add(new PendingPasswordReset(ContractHex, "m1", "root", new CredentialRecipients(accountKey, [deviceKey]), DateTimeOffset.UnixEpoch));
        var provisioner = new CountingProvisioner();
        provisioner.Machines.Add(new ProvisionedInstance("m1", ContractId.FromHex(ContractHex).Value, "running", "192.0.2.20", null, 22, new Dictionary<string, string>()));
        var resetter = new CountingResetter();
        var logs = new ListLogger<PasswordResetWorker>();
        var worker = new PasswordResetWorker(api, provisioner, resetter, new CryptoCredentialSealer(), new PasswordResetJournal(new MemoryStore()), new NoHostKeys(), new HostKeyJournal(new MemoryStore()), logs);

        var error = await Record.ExceptionAsync(() => worker.RunAsync(TestContext.Current.CancellationToken));

        Assert.True(error is null, $"the reset threw {error?.GetType().Name}: {error?.Message}");
        Assert.Equal(0, resetter.Calls);
        var (contract, outcome) = Assert.Single(api.Passwords);
        Assert.Equal(ContractHex, contract);
        Assert.Equal("failed", outcome.Status);
        Assert.Null(outcome.CredentialEnvelope);
        Assert.Contains("low order", outcome.Reason, StringComparison.OrdinalIgnoreCase);
        AssertNoKeyIn(outcome.Reason!, accountKey, deviceKey);
        AssertNoKeyIn(string.Join('\n', logs.Lines), accountKey, deviceKey);
    }

    private static void AssertNoKeyIn(string text, params string[] keys)
    {
        foreach (var key in keys)
        {
            Assert.DoesNotContain(key, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(key)), text, StringComparison.Ordinal);
        }
    }

    private static PendingContract Pending(string accountKey, string deviceKey) => new(
        ContractHex, "requested", "off-1", 1, 1024, 10, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIC4x user@test", null, null,
        new CredentialRecipients(accountKey, [deviceKey]), DateTimeOffset.UnixEpoch);

    private sealed class OneContractApi(PendingContract contract) : IProviderApi
    {
        public PendingContract Contract => contract;

        public ConcurrentQueue<ProvisioningReport> Reports { get; } = new();

        public List<PendingPasswordReset> Resets { get; } = [];

        public List<(string ContractId, PasswordOutcome Outcome)> Passwords { get; } = [];

        public Task<IReadOnlyList<PendingContract>> PendingContractsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PendingContract>>([contract]);

        public Task<LeaseReply> LeaseAsync(string contractId, CancellationToken cancellationToken) => Task.FromResult(new LeaseReply(true, long.MaxValue / 2));

        public Task ReleaseLeaseAsync(string contractId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReportAsync(string contractId, ProvisioningReport report, CancellationToken cancellationToken)
        {
            Reports.Enqueue(report);
            return Task.CompletedTask;
        }

        public Task<HeartbeatReply> HeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken) => Task.FromResult(new HeartbeatReply(60));

        public Task<ReconcileReply> ReconcileAsync(IReadOnlyList<RunningInstance> instances, CancellationToken cancellationToken) => Task.FromResult(new ReconcileReply([], [], [], [], []));

        public Task TerminatedAsync(string contractId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task ReportHealthAsync(string contractId, HealthCheckReport report, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PendingPasswordReset>>([.. Resets]);

        public Task ReportPasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken cancellationToken)
        {
            Passwords.Add((contractId, outcome));
            return Task.CompletedTask;
        }
    }

    private sealed class CountingProvisioner : IProvisioner
    {
        public int Created;

        public List<ProvisionedInstance> Machines { get; } = [];

        public string Type => "counting";

        public Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Created);
            return Task.FromResult(new ProvisionedInstance("m-new", request.ContractId, "running", "192.0.2.30", null, 22, new Dictionary<string, string>()));
        }

        public Task TerminateAsync(string externalId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(string externalId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(string externalId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken) =>
            Task.FromResult(Machines.FirstOrDefault(m => m.ExternalId == externalId));

        public Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
            Task.FromResult(Machines.FirstOrDefault(m => m.ContractId == contractId));

        public Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ProvisionedInstance>>([.. Machines]);

        public Task VerifySetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class CountingResetter : IPasswordResetter
    {
        public int Calls;

        public Task ResetAsync(string host, int port, string loginUser, string newPassword, string expectedHostKey, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            return Task.CompletedTask;
        }
    }

    private sealed class NoHostKeys : IHostKeyReader
    {
        public Task<string> ReadAsync(string host, int port, CancellationToken cancellationToken) => Task.FromResult("ssh-ed25519 SHA256:dGVzdC1ob3N0LWtleQ");
    }

    private sealed class MemoryStore : IEnvelopeStore
    {
        private readonly ConcurrentDictionary<string, string> _entries = new();

        public void Write(string contractId, string envelope) => _entries[contractId] = envelope;

        public string? Read(string contractId) => _entries.TryGetValue(contractId, out var text) ? text : null;

        public void Delete(string contractId) => _entries.TryRemove(contractId, out _);
    }
}

/// <summary>Keeps every formatted log line, exception messages included.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        Lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
    }
}
