namespace DecentCloud.Icp.Agent;

/// <summary>A certificate or hash tree is malformed, or does not authorize what was asked.</summary>
public sealed class CertificateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CertificateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CertificateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public CertificateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
