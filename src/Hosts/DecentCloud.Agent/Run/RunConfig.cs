using DecentCloud.Application.ProviderAgent.Running;

namespace DecentCloud.Agent.Run;

/// <summary>The <c>run</c> section of the agent's configuration; every field has a default.</summary>
internal sealed record RunConfig
{
    /// <summary>Seconds between polls for contracts to provision, and between polls for passwords to reset.</summary>
    public int PollSeconds { get; init; } = 30;

    /// <summary>Seconds between health checks of the running instances.</summary>
    public int HealthSeconds { get; init; } = 300;

    /// <summary>Seconds between reconcile rounds (terminate, pause, resume, orphans).</summary>
    public int ReconcileSeconds { get; init; } = 60;

    /// <summary>How long an instance no contract claims may live before it is terminated.</summary>
    public int OrphanGraceSeconds { get; init; } = 3600;

    /// <summary>Most contracts provisioned at the same time.</summary>
    public int MaxConcurrent { get; init; } = 4;

    /// <summary>The user whose password is set and delivered.</summary>
    public string LoginUser { get; init; } = "root";

    /// <summary>Where the agent keeps sealed credentials waiting for upload (never a plaintext).</summary>
    public string StateDir { get; init; } = "/var/lib/dc-agent";

    /// <summary>On shutdown, how long running provisionings may take to finish before they are cancelled (they resume at the next start).</summary>
    public int ShutdownTimeoutSeconds { get; init; } = 60;

    /// <summary>The agent's SSH private key (OpenSSH format); its public half (<c>.pub</c>) is installed in every VM for password resets.</summary>
    public string SshKeyPath { get; init; } = "/etc/dc-agent/ssh_key";

    /// <summary>After a machine is created, how long to wait for its SSH server, whose host key is recorded for password resets.</summary>
    public int HostKeyWaitSeconds { get; init; } = 120;

    /// <summary>The loops' options, with the agent's SSH public key and version.</summary>
    public ProviderAgentOptions ToOptions(string agentSshPublicKey, string version) => new()
    {
        PollInterval = TimeSpan.FromSeconds(PollSeconds),
        PasswordResetInterval = TimeSpan.FromSeconds(PollSeconds),
        HealthInterval = TimeSpan.FromSeconds(HealthSeconds),
        ReconcileInterval = TimeSpan.FromSeconds(ReconcileSeconds),
        OrphanGrace = TimeSpan.FromSeconds(OrphanGraceSeconds),
        MaxConcurrent = MaxConcurrent,
        LoginUser = LoginUser,
        ShutdownTimeout = TimeSpan.FromSeconds(ShutdownTimeoutSeconds),
        HostKeyWait = TimeSpan.FromSeconds(HostKeyWaitSeconds),
        AgentSshPublicKey = agentSshPublicKey,
        Version = version,
    };

    /// <summary>Checks the values; the message names the bad field.</summary>
    public void Validate()
    {
        Require(PollSeconds > 0, "run.pollSeconds must be positive");
        Require(HealthSeconds > 0, "run.healthSeconds must be positive");
        Require(ReconcileSeconds > 0, "run.reconcileSeconds must be positive");
        Require(OrphanGraceSeconds >= 0, "run.orphanGraceSeconds must not be negative");
        Require(MaxConcurrent is > 0 and <= 64, "run.maxConcurrent must be 1-64");
        Require(ShutdownTimeoutSeconds >= 0, "run.shutdownTimeoutSeconds must not be negative");
        Require(HostKeyWaitSeconds is >= 0 and <= 3600, "run.hostKeyWaitSeconds must be 0-3600");
        Require(!string.IsNullOrWhiteSpace(LoginUser) && LoginUser.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_' or '-'), "run.loginUser must be [a-z0-9_-]");
        Require(!string.IsNullOrWhiteSpace(StateDir), "run.stateDir must be set");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new InvalidDataException(message);
        }
    }
}
