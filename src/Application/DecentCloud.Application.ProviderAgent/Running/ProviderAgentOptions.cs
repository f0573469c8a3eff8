namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>How the agent's loops run; the host binds them from its configuration.</summary>
public sealed class ProviderAgentOptions
{
    /// <summary>Between polls for contracts to provision.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Between polls for password resets.</summary>
    public TimeSpan PasswordResetInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Between health checks of the kept instances.</summary>
    public TimeSpan HealthInterval { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Between reconcile rounds (terminate, pause, resume, orphans).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The heartbeat interval until the API names one.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an instance no contract claims may live before it is terminated.</summary>
    public TimeSpan OrphanGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most contracts provisioned at the same time.</summary>
    public int MaxConcurrent { get; set; } = 4;

    /// <summary>
    /// On shutdown, how long provisionings in flight may take to finish before they are cancelled (they resume at
    /// the next start). The host's own shutdown timeout must be longer.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The user whose password is set and delivered.</summary>
    public string LoginUser { get; set; } = "root";

    /// <summary>The agent's own OpenSSH public key, installed in every machine so that passwords can be reset.</summary>
    public string AgentSshPublicKey { get; set; } = string.Empty;

    /// <summary>
    /// After a machine is created, how long to wait for its SSH server to present the host key that is recorded for
    /// password resets (tried every few seconds). When it does not answer in time the contract is still provisioned,
    /// and the first reset records the key instead.
    /// </summary>
    public TimeSpan HostKeyWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// This host's gateway, when its VMs are to be served under their own names (<c>null</c>: no names, sites or forwarded
    /// ports). The host then supplies <see cref="Gateway.IGatewayNames"/>, <see cref="Gateway.IGatewaySites"/> and, with
    /// <see cref="Gateway.GatewayOptions.ForwardSsh"/>, <see cref="Gateway.IPortForwarder"/>.
    /// </summary>
    public Gateway.GatewayOptions? Gateway { get; set; }

    /// <summary>The agent's version, as heartbeats report it.</summary>
    public string Version { get; set; } = "0.0.0";
}
