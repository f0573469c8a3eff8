using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Icrc1;

/// <summary>
/// How a client reaches a canister: a query and an update call, Candid bytes in and out. The HTTP agent
/// implements it against a replica; tests implement it in memory. A call whose reply was lost throws
/// <see cref="CanisterUnreachableException"/> — the call may or may not have executed.
/// </summary>
public interface ICanisterTransport
{
    /// <summary>A query call.</summary>
    Task<byte[]> QueryAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken);

    /// <summary>An update call, returning the certified reply.</summary>
    Task<byte[]> CallAsync(Principal canister, string method, byte[] arg, CancellationToken cancellationToken);
}

/// <summary>The reply of a call did not arrive; whether the call executed is unknown.</summary>
public sealed class CanisterUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanisterUnreachableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CanisterUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public CanisterUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
