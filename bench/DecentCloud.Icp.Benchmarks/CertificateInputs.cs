using System.Text;
using System.Text.Json;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Benchmarks;

/// <summary>
/// A real mainnet certificate (ivg37_time.bin of ../shared/conformance, found by walking up or via
/// DC_CONFORMANCE_DIR) and the two BLS checks inside it, which bench/bls-bench.mjs times with @noble/curves.
/// </summary>
public static class CertificateInputs
{
    public static Principal Canister { get; } = Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai");

    public static byte[] CertificateBytes { get; } = File.ReadAllBytes(Path.Combine(DecentCloud.Tests.Shared.SharedConformance.Folder, "icp-certificates", "ivg37_time.bin"));

    /// <summary>(signature, message, public key) of the delegation (root-signed) and of the certificate (subnet-signed).</summary>
    public static IReadOnlyList<(byte[] Signature, byte[] Message, byte[] PublicKey)> Signatures { get; } = Extract();

    /// <summary>The triples as JSON for the node side.</summary>
    public static string ToJson() => JsonSerializer.Serialize(Signatures.Select(s => new
    {
        signature = Convert.ToHexStringLower(s.Signature),
        message = Convert.ToHexStringLower(s.Message),
        publicKey = Convert.ToHexStringLower(s.PublicKey),
    }));

    private static List<(byte[], byte[], byte[])> Extract()
    {
        var certificate = Certificate.Parse(CertificateBytes);
        var delegation = certificate.Delegation!;
        var subnetKeyDer = delegation.Certificate.Tree.Lookup(
            [Encoding.ASCII.GetBytes("subnet"), delegation.SubnetId.Bytes.ToArray(), Encoding.ASCII.GetBytes("public_key")]).Value!;
        var rootKeyDer = CertificateVerifier.MainnetRootKey.ToArray();
        return
        [
            (delegation.Certificate.Signature, StateRoot(delegation.Certificate), rootKeyDer[^96..]),
            (certificate.Signature, StateRoot(certificate), subnetKeyDer[^96..]),
        ];
    }

    private static byte[] StateRoot(Certificate certificate) => [.. "\x0Dic-state-root"u8, .. certificate.Tree.Digest()];
}
