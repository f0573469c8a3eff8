namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>The gateway (its web server, packet filter or names) refused a change; the message says why, without secrets.</summary>
public sealed class GatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GatewayException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GatewayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public GatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
