using System.Text;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>
/// The real mainnet certificates of ../shared/conformance/icp-certificates verified completely — BLS signatures
/// against the built-in mainnet root key, the delegation, the canister ranges — with the outcome of the
/// conformance table. Prints <c>certificate-conformance FILE: OUTCOME</c>. Freshness is checked with the clock
/// pinned near each certificate's own time (they are years old).
/// </summary>
public sealed class CertificateConformanceTests
{
    private static readonly Principal Ivg37 = Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai");

    [Theory]
    [InlineData("ivg37_time.bin", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateOutcome.Valid)]
    [InlineData("ivg37_time.bin", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateOutcome.NotAuthorized)]
    [InlineData("ivg37_time_pruned_ranges.bin", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateOutcome.Unprovable)]
    [InlineData("ivg37_delegated_v2.bin", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateOutcome.Valid)]
    [InlineData("ivg37_delegated_v2.bin", "ryjl3-tyaaa-aaaaa-aaaba-cai", CertificateOutcome.NotAuthorized)]
    [InlineData("ivg37_delegated_v2_pruned_subnet.bin", "ivg37-qiaaa-aaaab-aaaga-cai", CertificateOutcome.Unprovable)]
    [InlineData("224od_subnet.bin", "224od-giaaa-aaaao-ae5vq-cai", CertificateOutcome.Valid)]
    public void Each_canister_certificate_verifies_as_the_table_says(string file, string canister, CertificateOutcome expected)
    {
        var certificate = Certificate.Parse(Conformance.Certificate(file));
        var verdict = VerifierAt(certificate.Time.AddSeconds(30)).VerifyForCanister(certificate, Principal.FromText(canister));
        Report($"certificate-conformance {file}: {verdict.Outcome} for canister {canister} (BLS signatures, delegation, ranges and /time verified)");
        Assert.Equal(expected, verdict.Outcome);
    }

    [Theory]
    [InlineData("uzr34_node_keys.bin", "uzr34-akd3s-xrdag-3ql62-ocgoh-ld2ao-tamcv-54e7j-krwgb-2gm4z-oqe")]
    [InlineData("o3ow2_subnet_key.bin", null)]
    public void Each_subnet_certificate_verifies_for_its_subnet_and_no_other(string file, string? subnet)
    {
        var certificate = Certificate.Parse(Conformance.Certificate(file));
        var signer = certificate.Delegation!.SubnetId;
        if (subnet is not null)
        {
            Assert.Equal(Principal.FromText(subnet), signer);
        }

        var verifier = VerifierAt(certificate.Time);
        var verdict = verifier.VerifyForSubnet(certificate, signer);
        Report($"certificate-conformance {file}: {verdict.Outcome} for subnet {signer} (BLS signatures, delegation and /time verified)");
        Assert.Equal(CertificateOutcome.Valid, verdict.Outcome);
        Assert.StartsWith(file[..5], signer.ToString(), StringComparison.Ordinal);
        Assert.Equal(CertificateOutcome.NotAuthorized, verifier.VerifyForSubnet(certificate, Ivg37).Outcome);
    }

    [Fact]
    public void A_root_signed_certificate_speaks_for_every_canister_but_only_for_the_root_subnet()
    {
        // The delegation inside ivg37_time.bin is itself a certificate signed by the root key, without a delegation.
        var rootSigned = Certificate.Parse(Conformance.Certificate("ivg37_time.bin")).Delegation!.Certificate;
        Assert.Null(rootSigned.Delegation);
        var verifier = VerifierAt(rootSigned.Time);
        Assert.True(verifier.VerifyForCanister(rootSigned, Ivg37).IsValid);
        Assert.True(verifier.VerifyForCanister(rootSigned, Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai")).IsValid);
        Assert.True(verifier.VerifyForSubnet(rootSigned, Principal.FromText("tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe")).IsValid);
        var other = verifier.VerifyForSubnet(rootSigned, Principal.FromText("uzr34-akd3s-xrdag-3ql62-ocgoh-ld2ao-tamcv-54e7j-krwgb-2gm4z-oqe"));
        Assert.Equal(CertificateOutcome.NotAuthorized, other.Outcome);
    }

    [Fact]
    public void A_delegated_certificate_used_as_a_delegation_has_too_many_delegations()
    {
        // uzr34_node_keys.bin is itself signed through a delegation; wrapping it as the delegation of
        // another certificate makes a chain of two, which verifiers must refuse.
        var uzr34 = Conformance.Certificate("uzr34_node_keys.bin");
        var inner = Certificate.Parse(uzr34);
        Assert.NotNull(inner.Delegation);
        var outer = Certificate.Parse(Conformance.Certificate("ivg37_time.bin"));
        var wrapped = Certificate.Parse(Cbor.Certificate(Cbor.Tree(outer), outer.Signature, Delegated(inner.Delegation!.SubnetId, uzr34)));
        var verdict = VerifierAt(outer.Time).VerifyForCanister(wrapped, Ivg37);
        Report($"certificate-conformance uzr34_node_keys.bin (wrapped as a delegation): {verdict.Outcome}");
        Assert.Equal(CertificateOutcome.TooManyDelegations, verdict.Outcome);
        Assert.Equal(AuthorizationOutcome.TooManyDelegations, CanisterAuthorization.Check(wrapped, Ivg37));
    }

    [Fact]
    public void Time_freshness_is_checked_both_ways_and_can_be_switched_off()
    {
        var certificate = Certificate.Parse(Conformance.Certificate("ivg37_time.bin"));
        Assert.True(VerifierAt(certificate.Time.AddMinutes(4)).VerifyForCanister(certificate, Ivg37).IsValid);
        var stale = VerifierAt(certificate.Time.AddMinutes(6)).VerifyForCanister(certificate, Ivg37);
        Assert.Equal(CertificateOutcome.Stale, stale.Outcome);
        Assert.Contains("00:06:00", stale.Reason, StringComparison.Ordinal);
        Assert.Equal(CertificateOutcome.Stale, VerifierAt(certificate.Time.AddMinutes(-6)).VerifyForCanister(certificate, Ivg37).Outcome);
        Assert.True(new CertificateVerifier(new CertificateVerifierOptions { MaxAge = null }).VerifyForCanister(certificate, Ivg37).IsValid);

        // Today, with the default five minutes, this 2023 certificate is stale.
        Assert.Equal(CertificateOutcome.Stale, new CertificateVerifier().VerifyForCanister(certificate, Ivg37).Outcome);
        Assert.Throws<CertificateException>(() => new CertificateVerifier().EnsureValidForCanister(certificate, Ivg37));
    }

    [Fact]
    public void Another_root_key_rejects_the_mainnet_certificates()
    {
        var certificate = Certificate.Parse(Conformance.Certificate("ivg37_time.bin"));
        var otherRoot = Convert.FromHexString("308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100")
            .Concat(Agent.Bls.Bls12381.PublicKeyOf(Enumerable.Repeat((byte)7, 32).ToArray())).ToArray();
        var verifier = new CertificateVerifier(new CertificateVerifierOptions { RootKey = otherRoot, MaxAge = null });
        Assert.Equal(CertificateOutcome.InvalidSignature, verifier.VerifyForCanister(certificate, Ivg37).Outcome);
        Assert.Throws<ArgumentException>(() => new CertificateVerifier(new CertificateVerifierOptions { RootKey = new byte[133] }));
    }

    [Fact]
    public void Flipping_any_bit_of_either_signature_fails_verification()
    {
        var certificate = Certificate.Parse(Conformance.Certificate("ivg37_time.bin"));
        var delegation = certificate.Delegation!;
        var delegationBytes = Cbor.Certificate(Cbor.Tree(delegation.Certificate), delegation.Certificate.Signature, null);
        var verifier = VerifierAt(certificate.Time);
        Assert.True(verifier.VerifyForCanister(Certificate.Parse(Cbor.Certificate(Cbor.Tree(certificate), certificate.Signature, Delegated(delegation.SubnetId, delegationBytes))), Ivg37).IsValid);

        Parallel.For(0, 2 * 384, bit =>
        {
            var outerSignature = (byte[])certificate.Signature.Clone();
            var innerSignature = (byte[])delegation.Certificate.Signature.Clone();
            var target = bit < 384 ? outerSignature : innerSignature;
            target[(bit % 384) / 8] ^= (byte)(1 << (bit % 8));
            var inner = Cbor.Certificate(Cbor.Tree(delegation.Certificate), innerSignature, null);
            var flipped = Certificate.Parse(Cbor.Certificate(Cbor.Tree(certificate), outerSignature, Delegated(delegation.SubnetId, inner)));
            Assert.Equal(CertificateOutcome.InvalidSignature, verifier.VerifyForCanister(flipped, Ivg37).Outcome);
        });
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("delegation")]
    public void Flipping_any_bit_of_the_tree_fails_verification(string which)
    {
        var certificate = Certificate.Parse(Conformance.Certificate("ivg37_time.bin"));
        var delegationTree = Cbor.Tree(certificate.Delegation!.Certificate);
        var delegation = Delegated(certificate.Delegation.SubnetId, Cbor.Certificate(delegationTree, certificate.Delegation.Certificate.Signature, null));
        var verifier = VerifierAt(certificate.Time);
        var encoded = Cbor.Certificate(Cbor.Tree(certificate), certificate.Signature, delegation);

        // The delegation's certificate is a byte string inside the outer one, so its tree's bytes appear as they are.
        var tree = which == "certificate" ? Cbor.Tree(certificate) : delegationTree;
        var treeAt = encoded.AsSpan().IndexOf(tree);
        Assert.True(treeAt >= 0);
        Assert.True(verifier.VerifyForCanister(Certificate.Parse(encoded), Ivg37).IsValid);
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, tree.Length * 8, bit =>
        {
            var flipped = (byte[])encoded.Clone();
            flipped[treeAt + (bit / 8)] ^= (byte)(1 << (bit % 8));
            try
            {
                var verdict = verifier.VerifyForCanister(Certificate.Parse(flipped), Ivg37);
                Assert.False(verdict.IsValid, $"bit {bit} of the tree flipped and the certificate still verified");
                outcomes.Add(verdict.Outcome.ToString());
            }
            catch (CertificateException)
            {
                outcomes.Add("malformed");
            }
        });

        Assert.Equal(tree.Length * 8, outcomes.Count);
        Assert.Contains(nameof(CertificateOutcome.InvalidSignature), outcomes);
    }

    [Fact]
    public void The_rejected_call_of_the_v2_certificate_reads_back()
    {
        var certificate = Certificate.Parse(Conformance.Certificate("ivg37_delegated_v2.bin"));
        var requestId = Convert.FromHexString("edad510eaaa08ed2acd4781324e6446269da6753ec17760f206bbe81c465ff52");
        byte[] L(string s) => Encoding.ASCII.GetBytes(s);
        Assert.Equal("rejected", Encoding.UTF8.GetString(certificate.Tree.Lookup([L("request_status"), requestId, L("status")]).Value!));
        Assert.Equal(3, (int)Certificate.Leb128Nat(certificate.Tree.Lookup([L("request_status"), requestId, L("reject_code")]).Value!));
        Assert.Equal("Canister ivg37-qiaaa-aaaab-aaaga-cai has no update method 'register'",
            Encoding.UTF8.GetString(certificate.Tree.Lookup([L("request_status"), requestId, L("reject_message")]).Value!));
        Assert.NotEqual(LookupStatus.Found, certificate.Tree.Lookup([L("request_status"), new byte[32], L("status")]).Status);
    }

    private static CertificateVerifier VerifierAt(DateTimeOffset now) =>
        new(new CertificateVerifierOptions { Clock = new FixedClock(now) });

    private static Dictionary<string, byte[]> Delegated(Principal subnet, byte[] certificate) =>
        new() { ["subnet_id"] = subnet.Bytes.ToArray(), ["certificate"] = certificate };

    private static void Report(string line)
    {
        TestContext.Current.SendDiagnosticMessage(line);
        if (Environment.GetEnvironmentVariable("DC_CONFORMANCE_REPORT") is { Length: > 0 } path)
        {
            lock (typeof(CertificateConformanceTests))
            {
                File.AppendAllText(path, line + Environment.NewLine);
            }
        }
    }
}
