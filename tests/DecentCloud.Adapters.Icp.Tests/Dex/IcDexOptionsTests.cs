using System.ComponentModel.DataAnnotations;
using DecentCloud.Adapters.Icp.Dex;

namespace DecentCloud.Adapters.Icp.Tests.Dex;

public sealed class IcDexOptionsTests
{
    private static List<ValidationResult> Validate(IcDexOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void The_defaults_are_the_published_mainnet_canisters_the_3000_tier_and_DC_ICP_ckUSDC()
    {
        var options = new IcDexOptions();
        Assert.Empty(Validate(options));
        Assert.Equal(("2ipq2-uqaaa-aaaar-qailq-cai", "4mmnk-kiaaa-aaaag-qbllq-cai", 3000), (options.KongSwapCanister, options.IcpSwapFactoryCanister, options.IcpSwapFee));
        Assert.Equal(["DC", "ICP", "ckUSDC"], options.EffectiveTokens);
    }

    [Fact]
    public void Each_bad_value_is_refused_naming_its_field()
    {
        var options = new IcDexOptions { KongSwapCanister = "not-a-canister", IcpSwapFactoryCanister = "4MMNK", IcpSwapFee = 2500, Tokens = { "ICP", "ckUSDT", "BTC" } };

        var refused = Validate(options);

        Assert.Equal(["IcpSwapFactoryCanister", "IcpSwapFee", "KongSwapCanister", "Tokens"], refused.SelectMany(r => r.MemberNames).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(refused, r => r.ErrorMessage!.Contains("(ckUSDT, BTC)", StringComparison.Ordinal));
    }
}
