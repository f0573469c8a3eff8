using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>Encrypts a password for its recipients before it leaves the host (the crypto lives in an adapter).</summary>
public interface ICredentialSealer
{
    /// <summary>The sealed envelope (JSON) of <paramref name="password"/>, bound to <paramref name="contractId"/>.</summary>
    string Seal(string password, ContractId contractId, CredentialRecipients recipients);
}
