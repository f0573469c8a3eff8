namespace DecentCloud.Application.Outbox;

/// <summary>
/// Thrown by an <see cref="IOutboxHandler"/> whose send did not go through this time: the dispatcher retries with its
/// backoff, and no sooner than <see cref="RetryAfter"/> when the outside system named a wait (an HTTP 429's retry_after).
/// </summary>
public sealed class RetryLaterException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RetryLaterException()
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public RetryLaterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and an inner exception.</summary>
    public RetryLaterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a reason and the wait the outside system asked for.</summary>
    public RetryLaterException(string message, TimeSpan? retryAfter)
        : base(message) => RetryAfter = retryAfter;

    /// <summary>The shortest wait before the next attempt, when the outside system named one.</summary>
    public TimeSpan? RetryAfter { get; }
}
