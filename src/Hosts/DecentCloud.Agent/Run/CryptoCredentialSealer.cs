using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Agent.Run;

/// <summary>Seals a password (envelope v3) for the account's credential key and every active device key, before it leaves the host.</summary>
internal sealed class CryptoCredentialSealer : ICredentialSealer
{
    public string Seal(string password, ContractId contractId, CredentialRecipients recipients)
    {
        var list = new List<CredentialRecipient> { new(RecipientKind.Account, Convert.FromHexString(recipients.AccountKey)) };
        list.AddRange(recipients.DeviceKeys.Select(d => new CredentialRecipient(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(Convert.FromHexString(d)))));
        return CredentialEnvelope.Seal(password, contractId, list);
    }
}
