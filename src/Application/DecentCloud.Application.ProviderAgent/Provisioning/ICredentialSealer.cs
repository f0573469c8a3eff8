using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>Encrypts a password for its recipients before it leaves the host (the crypto lives in an adapter).</summary>
public interface ICredentialSealer
{
    /// <summary>
    /// The sealed envelope (JSON) of <paramref name="password"/>, bound to <paramref name="contractId"/>. Throws
    /// <see cref="CredentialSealingException"/> when a recipient key cannot receive it (malformed, or of low order so
    /// that the key agreement is all zero); the message never holds a key.
    /// </summary>
    string Seal(string password, ContractId contractId, CredentialRecipients recipients);
}
