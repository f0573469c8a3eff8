using System.Text;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>The vectors published in ../shared/conformance/README.md.</summary>
public sealed class PublishedVectorTests
{
    [Fact]
    public void The_request_id_of_the_published_call_matches()
    {
        var content = new Dictionary<string, object>
        {
            ["request_type"] = "call",
            ["sender"] = new byte[] { 0x04 },
            ["ingress_expiry"] = 1685570400000000000UL,
            ["canister_id"] = Convert.FromHexString("00000000000004D2"),
            ["method_name"] = "hello",
            ["arg"] = Convert.FromHexString("4449444c00fd2a"), // "DIDL\x00\xFD*"
        };
        Assert.Equal("1d1091364d6bb8a6c16b203ee75467d59ead468f523eb058880ae8ec80e2b101", Convert.ToHexStringLower(RequestId.Of(content)));
    }

    [Fact]
    public void The_published_hash_tree_has_its_digest_and_lookups()
    {
        var tree = HashTree.Parse(Convert.FromHexString(
            "8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6483024162820344676f6f648301830241638100830241648203476d6f726e696e67"));
        Assert.Equal("eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0", Convert.ToHexStringLower(tree.Digest()));
        Assert.Equal(("world", LookupStatus.Found), Text(tree.Lookup("a", "y")));
        Assert.Equal(("morning", LookupStatus.Found), Text(tree.Lookup("d")));
        Assert.Equal(("good", LookupStatus.Found), Text(tree.Lookup("b")));
        foreach (var absent in new[] { "aa", "ax", "e" })
        {
            Assert.Equal(LookupStatus.Absent, tree.Lookup(absent).Status);
        }

        Assert.Equal(LookupStatus.Error, tree.Lookup("a").Status);
    }

    [Fact]
    public void A_pruned_branch_makes_its_labels_unknown_but_keeps_the_digest()
    {
        // The same tree with the `b` subtree replaced by its digest.
        var full = HashTree.Parse(Convert.FromHexString("83024162820344676f6f64"));
        var digest = Convert.ToHexStringLower(full.Digest());
        var tree = HashTree.Parse(Convert.FromHexString(
            $"8301830183024161830183018302417882034568656c6c6f810083024179820345776f726c6482045820{digest}8301830241638100830241648203476d6f726e696e67"));
        Assert.Equal("eb5c5b2195e62d996b84c9bcc8259d19a83786a2f59e0878cec84c811f669aa0", Convert.ToHexStringLower(tree.Digest()));
        Assert.Equal(LookupStatus.Unknown, tree.Lookup("b").Status);
        Assert.Equal(LookupStatus.Found, tree.Lookup("d").Status);
    }

    private static (string?, LookupStatus) Text(LookupResult result) =>
        (result.Value is null ? null : Encoding.UTF8.GetString(result.Value), result.Status);

    [Fact]
    public void The_root_subnet_is_the_self_authenticating_principal_of_the_mainnet_root_key()
    {
        // Certificates without a delegation come from the NNS subnet; query node keys are read under this id.
        Assert.Equal(
            "tdb26-jop6k-aogll-7ltgs-eruif-6kk7m-qpktf-gdiqx-mxtrf-vb5e6-eqe",
            Identities.SelfAuthenticating.Of(CertificateVerifier.MainnetRootKey.Span).ToText());
    }
}
