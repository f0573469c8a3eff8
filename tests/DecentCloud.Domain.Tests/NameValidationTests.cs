using CsCheck;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Domain.Tests;

public class NameValidationTests
{
    [Theory]
    [InlineData("dc")]
    [InlineData("dc-lk")]
    [InlineData("a1")]
    [InlineData("abcdefghij0123456789")]
    [InlineData("x-y-z")]
    public void DcId_accepts_valid_ids(string value) => Assert.Equal(value, DcId.Create(value).Value.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abcdefghij0123456789x")]
    [InlineData("-dc")]
    [InlineData("dc-")]
    [InlineData("dc--lk")]
    [InlineData("DC-LK")]
    [InlineData("dc_lk")]
    [InlineData("dc.lk")]
    [InlineData("dc lk")]
    [InlineData("dč-lk")]
    public void DcId_refuses_invalid_ids(string? value)
    {
        var result = DcId.Create(value);
        Assert.True(result.IsFailed);
        Assert.Equal("invalid_dc_id", ((Common.DomainError)result.Errors[0]).Code);
    }

    [Fact]
    public void DcId_matches_its_rule_for_random_strings() =>
        Gen.String[Gen.Char["abz09-_A."], 0, 24].Sample(s =>
        {
            var expected = s.Length is >= 2 and <= 20 && s[0] != '-' && s[^1] != '-' && !s.Contains("--")
                && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
            return DcId.Create(s).IsSuccess == expected;
        });

    [Theory]
    [InlineData("hz-abc")]
    [InlineData("do-1")]
    [InlineData("vl-xx")]
    [InlineData("px-01")]
    [InlineData("dk-lab")]
    [InlineData("corp-1")]
    public void Policy_refuses_reserved_prefixes(string value)
    {
        var policy = new DcIdPolicy(["corp-"]);
        var result = policy.EnsureRegistrable(DcId.Create(value).Value);
        Assert.True(result.IsFailed);
        Assert.Equal("reserved_dc_id", ((Common.DomainError)result.Errors[0]).Code);
    }

    [Theory]
    [InlineData("hz")]
    [InlineData("hzx-1")]
    [InlineData("dc-hz-1")]
    public void Policy_allows_names_that_only_resemble_reserved_prefixes(string value) =>
        Assert.True(new DcIdPolicy().EnsureRegistrable(DcId.Create(value).Value).IsSuccess);

    [Theory]
    [InlineData("gw", true)]
    [InlineData("dev-gw", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("-gw", false)]
    [InlineData("gw-", false)]
    [InlineData("g.w", false)]
    [InlineData("GW", false)]
    public void GatewayPrefix_is_one_lower_case_label(string value, bool valid) =>
        Assert.Equal(valid, GatewayPrefix.Create(value).IsSuccess);

    [Fact]
    public void GatewayPrefix_is_at_most_63_chars()
    {
        Assert.True(GatewayPrefix.Create(new string('a', 63)).IsSuccess);
        Assert.True(GatewayPrefix.Create(new string('a', 64)).IsFailed);
    }

    [Theory]
    [InlineData("decent-cloud.org", true)]
    [InlineData("a.b.c", true)]
    [InlineData("org", false)]
    [InlineData("decent-cloud.org.", false)]
    [InlineData(".org", false)]
    [InlineData("a..org", false)]
    [InlineData("Decent-Cloud.org", false)]
    [InlineData("-x.org", false)]
    public void DnsDomain_needs_two_valid_labels(string value, bool valid) =>
        Assert.Equal(valid, DnsDomain.Create(value).IsSuccess);

    [Fact]
    public void DnsDomain_is_at_most_253_chars()
    {
        var longest = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}";
        Assert.Equal(253, longest.Length);
        Assert.True(DnsDomain.Create(longest).IsSuccess);
        Assert.True(DnsDomain.Create(longest + "d").IsFailed);
    }

    [Theory]
    [InlineData("k7m2p4", true)]
    [InlineData("000000", true)]
    [InlineData("k7m2p", false)]
    [InlineData("k7m2p4x", false)]
    [InlineData("K7M2P4", false)]
    [InlineData("k7-2p4", false)]
    public void VmSlug_is_six_lower_alphanumerics(string value, bool valid) =>
        Assert.Equal(valid, VmSlug.Create(value).IsSuccess);

    [Fact]
    public void Random_slugs_are_valid() =>
        Gen.Int.Sample(_ => VmSlug.Create(VmSlug.NewRandom().Value).IsSuccess, iter: 500);

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-_", true)]
    [InlineData("0123456789012345678901234567890123456789012", true)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO-_x", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO+/", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO=_", false)]
    [InlineData("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNO _", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Challenge_value_is_43_base64url_chars(string? value, bool valid)
    {
        var result = AcmeChallengeValue.Create(value);
        Assert.Equal(valid, result.IsSuccess);
        if (!valid)
        {
            Assert.Equal("bad_txt", ((Common.DomainError)result.Errors[0]).Code);
        }
    }

    [Fact]
    public void Challenge_values_from_sha256_digests_are_accepted() =>
        Gen.Byte.Array[0, 64].Sample(bytes =>
        {
            var digest = System.Security.Cryptography.SHA256.HashData(bytes);
            var text = Convert.ToBase64String(digest).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return AcmeChallengeValue.Create(text).IsSuccess;
        });

    [Fact]
    public void Zone_derives_the_gateway_names()
    {
        var zone = new GatewayZone(GatewayPrefix.Create("gw").Value, DnsDomain.Create("decent-cloud.org").Value);
        var dc = DcId.Create("dc-lk").Value;
        Assert.Equal("_acme-challenge.dc-lk.gw.decent-cloud.org", zone.ChallengeName(dc));
        Assert.Equal("*.dc-lk.gw.decent-cloud.org", zone.Wildcard(dc));
        Assert.Equal("k7m2p4.dc-lk.gw.decent-cloud.org", zone.VmName(VmSlug.Create("k7m2p4").Value, dc));
    }
}
