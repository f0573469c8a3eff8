namespace DecentCloud.Icp.Candid.Mapping;

/// <summary>A CLR type cannot be mapped to Candid, or a decoded value does not fit the CLR type; the message names the member.</summary>
public sealed class CandidMappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CandidMappingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CandidMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public CandidMappingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
