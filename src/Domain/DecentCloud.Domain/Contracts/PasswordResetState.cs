namespace DecentCloud.Domain.Contracts;

/// <summary>Where an on-demand password reset stands.</summary>
public enum PasswordResetState
{
    /// <summary>No reset was asked for.</summary>
    None,
    /// <summary>The user asked; the agent has not answered yet.</summary>
    Requested,
    /// <summary>The new password is set and its envelope uploaded.</summary>
    Succeeded,
    /// <summary>The agent could not reset it (see the error).</summary>
    Failed,
}
