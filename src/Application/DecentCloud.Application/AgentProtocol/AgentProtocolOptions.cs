namespace DecentCloud.Application.AgentProtocol;

/// <summary>The timings the API hands to agents.</summary>
public sealed class AgentProtocolOptions
{
    /// <summary>How long a provisioning lease lasts before it must be renewed.</summary>
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The heartbeat interval the API asks agents for.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an uploaded credential is kept (after provisioning or a reset).</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most contracts handed out per poll.</summary>
    public int PollLimit { get; set; } = 50;
}
