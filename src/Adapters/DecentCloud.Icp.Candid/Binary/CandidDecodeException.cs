namespace DecentCloud.Icp.Candid.Binary;

/// <summary>
/// The input is not a Candid message of the expected types: malformed, truncated, too costly, or not
/// coercible. The only exception the decoder lets out, whatever the input.
/// </summary>
public sealed class CandidDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CandidDecodeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CandidDecodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public CandidDecodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a position in the input.</summary>
    public CandidDecodeException(string message, int offset)
        : base($"{message} (at byte {offset})") => Offset = offset;

    /// <summary>Where in the input the problem was found, when known.</summary>
    public int Offset { get; } = -1;
}
