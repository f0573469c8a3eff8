namespace DecentCloud.Domain.Contracts;

/// <summary>What an agent should do with a running instance, as reconcile answers it.</summary>
public enum InstanceAction
{
    /// <summary>Leave it as it is.</summary>
    Keep,
    /// <summary>Remove it: its contract ended.</summary>
    Terminate,
    /// <summary>Stop it, keeping the disk: its contract is paused.</summary>
    Pause,
    /// <summary>Start it again: its contract runs but the instance is stopped.</summary>
    Resume,
    /// <summary>No contract of this provider claims it (an orphan candidate).</summary>
    Unknown,
}
