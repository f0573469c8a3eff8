namespace DecentCloud.Icp.Agent.Http;

/// <summary>A canister or the replica rejected a request (IC reject codes 1–6), with the replica's explanation.</summary>
public sealed class CanisterRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanisterRejectedException(ulong rejectCode, string rejectMessage, string? errorCode)
        : base($"rejected with code {rejectCode}{(errorCode is null ? string.Empty : $" ({errorCode})")}: {rejectMessage}")
    {
        RejectCode = rejectCode;
        RejectMessage = rejectMessage;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception.</summary>
    public CanisterRejectedException()
        : this(0, string.Empty, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CanisterRejectedException(string message)
        : base(message)
    {
        RejectMessage = message;
    }

    /// <summary>Creates the exception.</summary>
    public CanisterRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        RejectMessage = message;
    }

    /// <summary>1 SYS_FATAL, 2 SYS_TRANSIENT, 3 DESTINATION_INVALID, 4 CANISTER_REJECT, 5 CANISTER_ERROR, 6 SYS_UNKNOWN.</summary>
    public ulong RejectCode { get; }

    /// <summary>The reject message.</summary>
    public string RejectMessage { get; } = string.Empty;

    /// <summary>The replica's error code (e.g. <c>IC0503</c>), when given.</summary>
    public string? ErrorCode { get; }
}

/// <summary>
/// The replica answered in a way the protocol does not allow, refused the request itself (an HTTP error),
/// or sent a reply whose certificate or signatures do not verify.
/// </summary>
public sealed class IcpProtocolException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IcpProtocolException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public IcpProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public IcpProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for an HTTP answer.</summary>
    public IcpProtocolException(string message, int statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status the replica answered with, when that is the problem.</summary>
    public int? StatusCode { get; }
}
