using System.ComponentModel.DataAnnotations;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>The timings the API hands to agents.</summary>
public sealed class AgentProtocolOptions
{
    /// <summary>How long a provisioning lease lasts before it must be renewed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan LeaseLength { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The heartbeat interval the API asks agents for.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an uploaded credential is kept (after provisioning or a reset).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "{0} must be a positive duration (hh:mm:ss).")]
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Most contracts handed out per poll.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "{0} must be a positive whole number.")]
    public int PollLimit { get; set; } = 50;
}
