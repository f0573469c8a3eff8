using System.Security.Cryptography;
using DecentCloud.Adapters.Crypto;

namespace DecentCloud.Agent.Common;

/// <summary>The agent's Ed25519 seed, stored as hex in a mode-600 file.</summary>
internal static class AgentKeyFile
{
    public static (AgentSigner Signer, bool Created) LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return (Load(path), false);
        }

        var seed = RandomNumberGenerator.GetBytes(Ed25519ph.KeySize);
        SafeFile.WriteAtomically(path, Convert.ToHexStringLower(seed) + "\n", SafeFile.Mode600);
        return (new AgentSigner(seed), true);
    }

    public static AgentSigner Load(string path)
    {
        var hex = File.ReadAllText(path).Trim();
        if (hex.Length != Ed25519ph.KeySize * 2 || !hex.All(Uri.IsHexDigit))
        {
            throw new InvalidDataException($"{path} does not hold a 32-byte hex Ed25519 seed.");
        }

        return new AgentSigner(Convert.FromHexString(hex));
    }
}
