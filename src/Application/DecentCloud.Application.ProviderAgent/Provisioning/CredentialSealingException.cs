namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// A password cannot be sealed for its recipients (e.g. a credential key of low order, whose key agreement would be
/// all zero, or a key that is not a key at all). Retrying cannot help: the contract or reset is failed with the
/// <see cref="Exception.Message"/> as its reason, which names the problem but never a key or a secret.
/// </summary>
public sealed class CredentialSealingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CredentialSealingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CredentialSealingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public CredentialSealingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
