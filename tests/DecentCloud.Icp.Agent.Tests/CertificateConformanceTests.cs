using System.Text;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>
/// The real mainnet certificates of ../shared/conformance/icp-certificates: parsing, /time, the
/// delegation and canister-range rules. Prints <c>certificate-conformance FILE: OUTCOME</c>. The BLS
/// signature half of verification is not implemented yet, and the printed outcome says so.
/// </summary>
public sealed class CertificateConformanceTests
{
    private static readonly Principal Ivg37 = Principal.FromText("ivg37-qiaaa-aaaab-aaaga-cai");
    private static readonly Principal Ledger = Principal.FromText("ryjl3-tyaaa-aaaaa-aaaba-cai");

    [Theory]
    [InlineData("ivg37_time.bin", "ivg37-qiaaa-aaaab-aaaga-cai", AuthorizationOutcome.Authorized)]
    [InlineData("ivg37_time.bin", "ryjl3-tyaaa-aaaaa-aaaba-cai", AuthorizationOutcome.NotAuthorized)]
    [InlineData("ivg37_time_pruned_ranges.bin", "ivg37-qiaaa-aaaab-aaaga-cai", AuthorizationOutcome.Unprovable)]
    [InlineData("ivg37_delegated_v2.bin", "ivg37-qiaaa-aaaab-aaaga-cai", AuthorizationOutcome.Authorized)]
    [InlineData("ivg37_delegated_v2.bin", "ryjl3-tyaaa-aaaaa-aaaba-cai", AuthorizationOutcome.NotAuthorized)]
    [InlineData("ivg37_delegated_v2_pruned_subnet.bin", "ivg37-qiaaa-aaaab-aaaga-cai", AuthorizationOutcome.Unprovable)]
    [InlineData("224od_subnet.bin", "224od-giaaa-aaaao-ae5vq-cai", AuthorizationOutcome.Authorized)]
    public void Each_certificate_authorizes_what_the_table_says(string file, string canister, AuthorizationOutcome expected)
    {
        var certificate = Certificate.Parse(Conformance.Certificate(file));
        var outcome = CanisterAuthorization.Check(certificate, Principal.FromText(canister));
        Report($"certificate-conformance {file} ({canister}): {outcome} (delegation and ranges checked; BLS signatures not verified yet)");
        Assert.Equal(expected, outcome);
        Assert.Equal(48, certificate.Signature.Length); // BLS12-381 min-sig: a G1 point
        Assert.InRange(certificate.Time, new DateTimeOffset(2021, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
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
        var wrapped = Cbor.Certificate(Cbor.Tree(outer), outer.Signature, Delegated(inner.Delegation!.SubnetId, uzr34));
        var outcome = CanisterAuthorization.Check(Certificate.Parse(wrapped), Ivg37);
        Report($"certificate-conformance uzr34_node_keys.bin (wrapped as a delegation): {outcome}");
        Assert.Equal(AuthorizationOutcome.TooManyDelegations, outcome);
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

    [Fact]
    public void Flipping_any_bit_changes_what_a_verifier_would_check_or_fails_the_parse()
    {
        var bytes = Conformance.Certificate("ivg37_time.bin");
        var original = Fingerprint(Certificate.Parse(bytes));
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var copy = (byte[])bytes.Clone();
            var at = random.Next(copy.Length);
            copy[at] ^= (byte)(1 << random.Next(8));
            try
            {
                Assert.NotEqual(original, Fingerprint(Certificate.Parse(copy)));
            }
            catch (CertificateException)
            {
            }
        }
    }

    // What a signature check covers: each level's root digest and signature, and the delegation's subnet.
    private static string Fingerprint(Certificate c) =>
        Convert.ToHexString(c.Tree.Digest()) + Convert.ToHexString(c.Signature)
        + (c.Delegation is { } d ? Convert.ToHexString(d.SubnetId.Bytes) + Fingerprint(d.Certificate) : string.Empty);

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
