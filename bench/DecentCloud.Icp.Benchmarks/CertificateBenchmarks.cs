using BenchmarkDotNet.Attributes;
using DecentCloud.Icp.Agent;
using DecentCloud.Icp.Agent.Bls;

namespace DecentCloud.Icp.Benchmarks;

/// <summary>Certificate verification: one BLS signature (with its key known, and new), and a whole delegated mainnet certificate (two signatures).</summary>
[MemoryDiagnoser]
public class CertificateBenchmarks
{
    private readonly CertificateVerifier verifier = new(new CertificateVerifierOptions { MaxAge = null });
    private readonly (byte[] Signature, byte[] Message, byte[] PublicKey) subnetSignature = CertificateInputs.Signatures[1];

    [Benchmark]
    public bool VerifyBlsSignature() => Bls12381.Verify(subnetSignature.Signature, subnetSignature.Message, subnetSignature.PublicKey);

    /// <summary>The same with the key seen for the first time: decompression, the ψ subgroup check and line preparation included.</summary>
    [Benchmark]
    public bool VerifyBlsSignatureNewKey()
    {
        Bls12381.ClearKeyCache();
        return Bls12381.Verify(subnetSignature.Signature, subnetSignature.Message, subnetSignature.PublicKey);
    }

    [Benchmark]
    public bool VerifyCertificate() =>
        verifier.VerifyForCanister(Certificate.Parse(CertificateInputs.CertificateBytes), CertificateInputs.Canister).IsValid;
}
