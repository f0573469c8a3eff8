using System.Text.Json;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Agent.Run;

/// <summary>Encrypts a password for the account's credential key and every active device key, before it leaves the host.</summary>
internal static class CredentialSealer
{
    public static string Seal(string password, ContractId contractId, Recipients recipients)
    {
        var list = new List<CredentialRecipient> { new(RecipientKind.Account, Convert.FromHexString(recipients.AccountKey)) };
        list.AddRange(recipients.DeviceKeys.Select(d => new CredentialRecipient(RecipientKind.Device, X25519Keys.PublicFromEd25519PublicKey(Convert.FromHexString(d)))));
        return CredentialEnvelope.Seal(password, contractId, list);
    }

    public static JsonElement AsJson(string envelope)
    {
        using var doc = JsonDocument.Parse(envelope);
        return doc.RootElement.Clone();
    }
}
