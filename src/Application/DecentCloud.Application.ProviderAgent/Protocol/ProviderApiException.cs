namespace DecentCloud.Application.ProviderAgent.Protocol;

/// <summary>The API could not be reached or refused a call; the message carries its problem detail.</summary>
public sealed class ProviderApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderApiException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProviderApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public ProviderApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status, when the API answered.</summary>
    public int? Status { get; init; }
}
