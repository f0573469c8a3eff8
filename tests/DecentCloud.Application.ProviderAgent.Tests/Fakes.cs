using System.Collections.Concurrent;
using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>The API as the agent sees it: answers set by the test, every call recorded.</summary>
internal sealed class FakeProviderApi : IProviderApi
{
    public List<PendingContract> Pending { get; } = [];

    public List<PendingPasswordReset> Resets { get; } = [];

    public Func<string, LeaseReply> Lease { get; set; } = _ => new LeaseReply(true, long.MaxValue / 2);

    public ReconcileReply Reconcile { get; set; } = new([], [], [], [], []);

    public int NextHeartbeatSeconds { get; set; } = 60;

    public Action? OnHeartbeat { get; set; }

    public Exception? FailPending { get; set; }

    public ConcurrentQueue<(string ContractId, ProvisioningReport Report)> Reports { get; } = new();

    public ConcurrentQueue<string> Leases { get; } = new();

    public ConcurrentQueue<Heartbeat> Heartbeats { get; } = new();

    public List<IReadOnlyList<RunningInstance>> ReconcileRequests { get; } = [];

    public List<string> Terminated { get; } = [];

    public ConcurrentQueue<(string ContractId, HealthCheckReport Report)> Health { get; } = new();

    public List<(string ContractId, PasswordOutcome Outcome)> Passwords { get; } = [];

    public int PendingCalls;

    public Task<IReadOnlyList<PendingContract>> PendingContractsAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref PendingCalls);
        lock (Pending)
        {
            return FailPending is { } ex ? Task.FromException<IReadOnlyList<PendingContract>>(ex) : Task.FromResult<IReadOnlyList<PendingContract>>([.. Pending]);
        }
    }

    public Task<LeaseReply> LeaseAsync(string contractId, CancellationToken cancellationToken)
    {
        Leases.Enqueue(contractId);
        return Task.FromResult(Lease(contractId));
    }

    public List<string> Released { get; } = [];

    public Task ReleaseLeaseAsync(string contractId, CancellationToken cancellationToken)
    {
        Released.Add(contractId);
        return Task.CompletedTask;
    }

    public Task ReportAsync(string contractId, ProvisioningReport report, CancellationToken cancellationToken)
    {
        Reports.Enqueue((contractId, report));
        if (report.Status == "provisioned")
        {
            // Like the API, a provisioned contract is no longer pending.
            lock (Pending)
            {
                Pending.RemoveAll(p => p.ContractId == contractId);
            }
        }

        return Task.CompletedTask;
    }

    public Task<HeartbeatReply> HeartbeatAsync(Heartbeat heartbeat, CancellationToken cancellationToken)
    {
        Heartbeats.Enqueue(heartbeat);
        OnHeartbeat?.Invoke();
        return Task.FromResult(new HeartbeatReply(NextHeartbeatSeconds));
    }

    public Task<ReconcileReply> ReconcileAsync(IReadOnlyList<RunningInstance> instances, CancellationToken cancellationToken)
    {
        ReconcileRequests.Add(instances);
        return Task.FromResult(Reconcile);
    }

    public Task TerminatedAsync(string contractId, CancellationToken cancellationToken)
    {
        Terminated.Add(contractId);
        return Task.CompletedTask;
    }

    public Task ReportHealthAsync(string contractId, HealthCheckReport report, CancellationToken cancellationToken)
    {
        Health.Enqueue((contractId, report));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingPasswordReset>> PendingPasswordResetsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingPasswordReset>>([.. Resets]);

    /// <summary>How many password reports are lost (the API cannot be reached) before one arrives.</summary>
    public int FailPasswordReports { get; set; }

    public Task ReportPasswordAsync(string contractId, PasswordOutcome outcome, CancellationToken cancellationToken)
    {
        if (FailPasswordReports > 0)
        {
            FailPasswordReports--;
            return Task.FromException(new ProviderApiException("the API cannot be reached"));
        }

        Passwords.Add((contractId, outcome));
        return Task.CompletedTask;
    }
}

/// <summary>A backend in memory: machines by id, tagged with their contract; creation can be held by the test.</summary>
internal sealed class FakeProvisioner : IProvisioner
{
    private int _next;

    public ConcurrentDictionary<string, ProvisionedInstance> Machines { get; } = new();

    public ConcurrentQueue<ProvisionRequest> Requests { get; } = new();

    public List<string> Calls { get; } = [];

    public HashSet<string> FailingIds { get; } = [];

    public ProvisioningException? Refuse { get; set; }

    /// <summary>When set, <see cref="ProvisionAsync"/> waits for it (after the machine exists, before it has an address).</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource CreateArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<string?>? OnCreate { get; set; }

    public string Type => "fake";

    public ProvisionedInstance Add(ContractId? contract, string status = "running", string? ip = "192.0.2.10")
    {
        var id = "m" + Interlocked.Increment(ref _next);
        return Machines[id] = new ProvisionedInstance(id, contract, status, ip, null, 22, new Dictionary<string, string>());
    }

    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        Record("provision");
        OnCreate?.Invoke();
        if (Refuse is not null)
        {
            throw Refuse;
        }

        var machine = Add(request.ContractId, "starting", null);
        CreateArrived.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        return Machines[machine.ExternalId] = machine with { Status = "running", Ipv4 = "192.0.2.20" };
    }

    public Task TerminateAsync(string externalId, CancellationToken cancellationToken) => Act("terminate", externalId, () => Machines.TryRemove(externalId, out _));

    public Task StopAsync(string externalId, CancellationToken cancellationToken) => Act("stop", externalId, () => Machines[externalId] = Machines[externalId] with { Status = "off" });

    public Task StartAsync(string externalId, CancellationToken cancellationToken) => Act("start", externalId, () => Machines[externalId] = Machines[externalId] with { Status = "running" });

    public Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken) =>
        Task.FromResult(Machines.TryGetValue(externalId, out var m) ? m : null);

    public Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        Task.FromResult(Machines.Values.SingleOrDefault(m => m.ContractId == contractId));

    public Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProvisionedInstance>>([.. Machines.Values.OrderBy(m => m.ExternalId, StringComparer.Ordinal)]);

    public Task VerifySetupAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task Act(string what, string externalId, Action act)
    {
        Record($"{what} {externalId}");
        if (FailingIds.Contains(externalId))
        {
            throw new ProvisioningException($"{what} {externalId} refused");
        }

        act();
        return Task.CompletedTask;
    }

    private void Record(string call)
    {
        lock (Calls)
        {
            Calls.Add(call);
        }
    }
}

internal sealed class MemoryEnvelopeStore : IEnvelopeStore
{
    public ConcurrentDictionary<string, string> Entries { get; } = new();

    public void Write(string contractId, string envelope) => Entries[contractId] = envelope;

    /// <summary>How long a read takes, like a disk: widens the gap between reading and writing a journal for race tests.</summary>
    public TimeSpan ReadDelay { get; set; }

    public string? Read(string contractId)
    {
        if (ReadDelay > TimeSpan.Zero)
        {
            Thread.Sleep(ReadDelay);
        }

        return Entries.TryGetValue(contractId, out var text) ? text : null;
    }

    public void Delete(string contractId) => Entries.TryRemove(contractId, out _);
}

/// <summary>"Seals" by recording the password and handing out an opaque JSON id, so a test can tell envelopes apart without crypto.</summary>
internal sealed class RecordingSealer : ICredentialSealer
{
    public ConcurrentDictionary<string, string> Sealed { get; } = new();

    public string Seal(string password, ContractId contractId, CredentialRecipients recipients)
    {
        var envelope = $"{{\"v\":3,\"id\":\"{Guid.NewGuid():N}\",\"contract\":\"{contractId.Hex}\"}}";
        Sealed[envelope] = password;
        return envelope;
    }
}

internal sealed class RecordingResetter : IPasswordResetter
{
    public List<(string Host, int Port, string User, string Password)> Resets { get; } = [];

    /// <summary>The host key each reset expected.</summary>
    public List<string> ExpectedHostKeys { get; } = [];

    /// <summary>The host key the fake machine presents; a reset expecting another is refused like the SSH adapter refuses it.</summary>
    public string PresentedHostKey { get; set; } = FakeHostKeys.Machine;

    public ProvisioningException? Refuse { get; set; }

    /// <summary>Runs when the machine's password is about to change, with the new password (to look at what is sealed and journaled by then).</summary>
    public Action<string>? OnReset { get; set; }

    public Task ResetAsync(string host, int port, string loginUser, string newPassword, string expectedHostKey, CancellationToken cancellationToken)
    {
        ExpectedHostKeys.Add(expectedHostKey);
        if (expectedHostKey != PresentedHostKey)
        {
            return Task.FromException(new ProvisioningException($"refused to reset the password on {host}:{port}: its SSH host key {PresentedHostKey} is not the one recorded at provisioning ({expectedHostKey})"));
        }

        OnReset?.Invoke(newPassword);
        Resets.Add((host, port, loginUser, newPassword));
        return Refuse is null ? Task.CompletedTask : Task.FromException(Refuse);
    }
}

/// <summary>Host keys as machines present them; reads can fail a number of times first (an SSH server still starting).</summary>
internal sealed class FakeHostKeys : IHostKeyReader
{
    public const string Machine = "ssh-ed25519 SHA256:bWFjaGluZS1wcm92aXNpb25lZC1ob3N0LWtleQ";

    public string Presented { get; set; } = Machine;

    public int FailuresFirst { get; set; }

    public List<(string Host, int Port)> Reads { get; } = [];

    public Task<string> ReadAsync(string host, int port, CancellationToken cancellationToken)
    {
        Reads.Add((host, port));
        if (FailuresFirst > 0)
        {
            FailuresFirst--;
            return Task.FromException<string>(new ProvisioningException($"cannot read the SSH host key of {host}:{port}: connection refused"));
        }

        return Task.FromResult(Presented);
    }
}

internal sealed class FakeReachability(TimeSpan? latency) : IReachability
{
    public List<(string Host, int Port)> Probed { get; } = [];

    public Task<TimeSpan?> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        Probed.Add((host, port));
        return Task.FromResult(latency);
    }
}
