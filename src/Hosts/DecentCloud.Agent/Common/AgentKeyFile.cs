using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Api.Client;

namespace DecentCloud.Agent.Common;

/// <summary>The agent's Ed25519 seed, stored as hex in a mode-600 file, as the API client's request signer.</summary>
internal static class AgentKeyFile
{
    public static (RequestSigner Signer, bool Created) LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return (Load(path), false);
        }

        var seed = RandomNumberGenerator.GetBytes(Ed25519ph.KeySize);
        SafeFile.WriteAtomically(path, Convert.ToHexStringLower(seed) + "\n", SafeFile.Mode600);
        return (Signer(seed), true);
    }

    public static RequestSigner Load(string path)
    {
        var hex = File.ReadAllText(path).Trim();
        if (hex.Length != Ed25519ph.KeySize * 2 || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidDataException($"{path} does not hold a 32-byte hex Ed25519 seed.");
        }

        return Signer(Convert.FromHexString(hex));
    }

    /// <summary>The public key as lower-case hex, as the API names the agent.</summary>
    public static string PublicKeyHex(this IRequestSigner signer) => Convert.ToHexStringLower(signer.PublicKey.Span);

    private static RequestSigner Signer(byte[] seed) => new(Ed25519ph.PublicKeyFromSeed(seed), m => Ed25519ph.Sign(seed, m.Span));
}
