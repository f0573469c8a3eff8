using System.Security.Cryptography;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>The MD5 fingerprint Hetzner indexes SSH keys by (<c>aa:bb:…</c> over the key blob).</summary>
internal static class SshKeyFingerprint
{
    public static string Of(string openSshPublicKey)
    {
        var parts = openSshPublicKey.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            throw new ArgumentException("not an OpenSSH public key (\"type base64 [comment]\")", nameof(openSshPublicKey));
        }

#pragma warning disable CA5351 // MD5 is what Hetzner uses to name key fingerprints; it identifies, it does not protect.
        var digest = MD5.HashData(Convert.FromBase64String(parts[1]));
#pragma warning restore CA5351
        return string.Join(':', digest.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
