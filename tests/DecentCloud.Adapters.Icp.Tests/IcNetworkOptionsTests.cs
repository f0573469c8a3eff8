using System.ComponentModel.DataAnnotations;
using DecentCloud.Adapters.Icp;
using DecentCloud.Icp.Agent;

namespace DecentCloud.Adapters.Icp.Tests;

public sealed class IcNetworkOptionsTests
{
    private static List<ValidationResult> Validate(IcNetworkOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_defaults_are_the_mainnet_boundary_node_and_its_root_key()
    {
        var options = new IcNetworkOptions();
        Assert.Empty(Validate(options));
        Assert.Equal(new Uri("https://icp-api.io/"), options.Url);
        Assert.True(options.RootKeyBytes.Span.SequenceEqual(CertificateVerifier.MainnetRootKey.Span));
    }

    [Theory]
    [InlineData("abc", "RootKey")]
    [InlineData("zz", "RootKey")]
    public void A_root_key_that_is_not_hex_is_refused_naming_the_field(string rootKey, string field)
    {
        var refused = Assert.Single(Validate(new IcNetworkOptions { RootKey = rootKey }));
        Assert.Contains(field, refused.MemberNames);
    }

    [Fact]
    public void A_url_that_is_not_http_is_refused()
    {
        var refused = Assert.Single(Validate(new IcNetworkOptions { Url = new Uri("ftp://example.org/") }));
        Assert.Contains("Url", refused.MemberNames);
    }

    [Fact]
    public void A_local_replicas_root_key_replaces_the_mainnets()
    {
        var options = new IcNetworkOptions { RootKey = "0a0b0c" };
        Assert.Equal(new byte[] { 10, 11, 12 }, options.RootKeyBytes.ToArray());
    }
}
