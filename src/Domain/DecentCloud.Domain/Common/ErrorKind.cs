namespace DecentCloud.Domain.Common;

/// <summary>What kind of expected failure an error is; hosts map it to a transport status.</summary>
public enum ErrorKind
{
    /// <summary>The input breaks a validation rule.</summary>
    Validation,
    /// <summary>The caller could not be authenticated.</summary>
    Unauthorized,
    /// <summary>The caller is known but lacks the right to do this.</summary>
    Forbidden,
    /// <summary>The thing asked for does not exist.</summary>
    NotFound,
    /// <summary>The request conflicts with the current state (e.g. owned by someone else).</summary>
    Conflict,
    /// <summary>The service is not configured for this request.</summary>
    Unavailable,
    /// <summary>An outside system the request depends on failed.</summary>
    Upstream,
    /// <summary>A quota or cap would be exceeded; the caller may retry once usage has dropped.</summary>
    LimitExceeded,
}
