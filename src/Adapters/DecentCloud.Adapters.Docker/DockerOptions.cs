namespace DecentCloud.Adapters.Docker;

/// <summary>Settings of the Docker provisioner.</summary>
public sealed class DockerOptions
{
    /// <summary>The Docker Engine socket.</summary>
    public string SocketPath { get; set; } = "/var/run/docker.sock";

    /// <summary>The Engine API version prefix.</summary>
    public string ApiVersion { get; set; } = "v1.43";

    /// <summary>Image when the offering's instance config names none; it must run sshd on port 22. No default: the provider chooses.</summary>
    public string? DefaultImage { get; set; }

    /// <summary>How often the password and post-provision script execs are polled.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long setting the password (and, separately, the post-provision script) may take.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
