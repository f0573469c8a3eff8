using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Agent.Run;

/// <summary>
/// Seals a password (envelope v3) for the account's credential key and every active device key, before it leaves the
/// host. A key that cannot receive it (not hex, not a key, or of low order: its X25519 agreement is all zero, which
/// the envelope refuses) is a <see cref="CredentialSealingException"/> naming which key, never its value.
/// </summary>
internal sealed class CryptoCredentialSealer : ICredentialSealer
{
    public string Seal(string password, ContractId contractId, CredentialRecipients recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var list = new List<CredentialRecipient> { new(RecipientKind.Account, Key("the account's credential key", () => Convert.FromHexString(recipients.AccountKey))) };
        for (var i = 0; i < recipients.DeviceKeys.Count; i++)
        {
            var hex = recipients.DeviceKeys[i];
            list.Add(new(RecipientKind.Device, Key($"device key {i + 1}", () => X25519Keys.PublicFromEd25519PublicKey(Convert.FromHexString(hex)))));
        }

        return CredentialEnvelope.Seal(password, contractId, list);
    }

    private static byte[] Key(string which, Func<byte[]> decode)
    {
        byte[] key;
        try
        {
            key = decode();
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new CredentialSealingException($"the password cannot be sealed: {which} is not a valid public key", ex);
        }

        // A low-order point gives an all-zero agreement with every secret: probing with a throw-away one names the key
        // before anything is sealed (CredentialEnvelope.Seal refuses it as well).
        var probe = RandomNumberGenerator.GetBytes(X25519Keys.Size);
        try
        {
            X25519Keys.Agree(probe, key);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new CredentialSealingException($"the password cannot be sealed: {which} is of low order (its key agreement is all zero); register another key", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(probe);
        }

        return key;
    }
}
