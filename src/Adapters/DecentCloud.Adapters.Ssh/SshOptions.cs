namespace DecentCloud.Adapters.Ssh;

/// <summary>Settings of the SSH adapter.</summary>
public sealed class SshOptions
{
    /// <summary>The agent's private key file (OpenSSH format, e.g. Ed25519).</summary>
    public string PrivateKeyPath { get; set; } = "/etc/dc-agent/ssh_key";

    /// <summary>The user the agent logs in as; it must be root or allowed to run chpasswd with sudo.</summary>
    public string AdminUser { get; set; } = "root";

    /// <summary>How long connecting and the command may take.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
