using System.Security.Cryptography;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>Facts about OpenSSH public keys that several backends need.</summary>
public static class OpenSshKey
{
    /// <summary>
    /// The MD5 fingerprint (<c>aa:bb:…</c> over the key blob) that Hetzner and DigitalOcean index keys by.
    /// Throws <see cref="ArgumentException"/> for text that is not <c>type base64 [comment]</c>.
    /// </summary>
    public static string Md5Fingerprint(string openSshPublicKey)
    {
        ArgumentNullException.ThrowIfNull(openSshPublicKey);
        var blob = Domain.Contracts.SshPublicKeyLine.TryReadBlob(openSshPublicKey)
            ?? throw new ArgumentException("not an OpenSSH public key (\"type base64 [comment]\")", nameof(openSshPublicKey));

#pragma warning disable CA5351 // MD5 is how these APIs name key fingerprints; it identifies, it does not protect.
        var digest = MD5.HashData(blob);
#pragma warning restore CA5351
        return string.Join(':', digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
