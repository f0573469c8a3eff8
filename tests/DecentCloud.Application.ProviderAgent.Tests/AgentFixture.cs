using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Passwords;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Reconciling;
using DecentCloud.Application.ProviderAgent.Running;
using DecentCloud.Domain.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>The agent's use cases wired to fakes and a fake clock.</summary>
internal sealed class AgentFixture
{
    public const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGdpY2Fsc29tZXRoaW5ndGhhdGlzMzJieXRlc2xvbmdhYmM= user@laptop";
    public const string AgentKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g dc-agent";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    public FakeProviderApi Api { get; } = new();

    public FakeProvisioner Backend { get; } = new();

    public MemoryEnvelopeStore Store { get; } = new();

    public RecordingSealer Sealer { get; } = new();

    public RecordingResetter Resetter { get; } = new();

    public FakeHostKeys HostKeys { get; } = new();

    /// <summary>The recorded host keys, apart from the envelopes so a test sees each journal on its own.</summary>
    public MemoryEnvelopeStore HostKeyStore { get; } = new();

    public HostKeyJournal HostKeyJournal => new(HostKeyStore);

    public AgentState State { get; } = new();

    public ProviderAgentOptions Options { get; } = new()
    {
        PollInterval = TimeSpan.FromSeconds(30),
        ReconcileInterval = TimeSpan.FromSeconds(60),
        OrphanGrace = TimeSpan.FromHours(1),
        MaxConcurrent = 2,
        LoginUser = "ubuntu",
        AgentSshPublicKey = AgentKey,
        ShutdownTimeout = TimeSpan.FromSeconds(60),
        Version = "1.2.3",
    };

    public EnvelopeJournal Journal => new(Store);

    public ContractProvisioner Contracts(VmGateway? gateway = null) =>
        new(Api, Backend, Journal, Sealer, HostKeys, HostKeyJournal, Options, Time, NullLogger<ContractProvisioner>.Instance, gateway);

    public Reconciler Reconciler(VmGateway? gateway = null) => new(Api, Backend, State, Options, Time, NullLogger<Reconciler>.Instance, gateway);

    public FakeGatewayNames Names { get; } = new();

    public RecordingGateway GatewayHost { get; } = new();

    /// <summary>The gateway's journal, apart from the envelopes.</summary>
    public MemoryEnvelopeStore GatewayStore { get; } = new();

    public static GatewayOptions GatewayOptions(bool forwardSsh = true, int firstPort = 20000, int lastPort = 20999) => new()
    {
        DcId = "dc-lk", GwPrefix = "gw", Domain = "decent-cloud.org", PublicIpv4 = "203.0.113.5",
        ForwardSsh = forwardSsh, SshPortFirst = firstPort, SshPortLast = lastPort,
    };

    /// <summary>A gateway over the fixture's fakes; a second call is the same host after a restart (same journal).</summary>
    public VmGateway Gateway(GatewayOptions? options = null) =>
        new(options ?? GatewayOptions(), Names, GatewayHost, GatewayHost, new GatewayJournal(GatewayStore), State, Time, NullLogger<VmGateway>.Instance);

    public PasswordResetWorker Resets() => new(Api, Backend, Resetter, Sealer, new PasswordResetJournal(Store), HostKeys, HostKeyJournal, NullLogger<PasswordResetWorker>.Instance);

    public HealthProbe Probe(TimeSpan? latency) => new(Backend, new FakeReachability(latency), Time);

    public static ContractId NewContract() => ContractId.FromBytes(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Value;

    public static PendingContract Pending(ContractId id) => new(
        id.Hex, "accepted", "offer-1", 2, 4096, 40, UserKey, "{\"image\":\"x\"}", "echo hello", new CredentialRecipients("aa", ["bb"]), DateTimeOffset.UnixEpoch);

    public IReadOnlyList<string> StatusesOf(ContractId id) => [.. Api.Reports.Where(r => r.ContractId == id.Hex).Select(r => r.Report.Status)];

    public ProvisioningReport Provisioned(ContractId id) => Assert.Single(Api.Reports, r => r.ContractId == id.Hex && r.Report.Status == "provisioned").Report;
}
