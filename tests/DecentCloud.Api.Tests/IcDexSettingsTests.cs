using DecentCloud.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Api.Tests;

/// <summary>The DEX price sources' settings: bound from their variables, mainnet defaults, each bad value refused by name.</summary>
public sealed class IcDexSettingsTests
{
    private static ApiSettings Read(Dictionary<string, string?> values) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void The_dex_settings_bind_from_their_variables_and_default_to_the_mainnet_canisters()
    {
        var set = Read(new()
        {
            ["DC_PRICE_KONGSWAP_CANISTER"] = "ryjl3-tyaaa-aaaaa-aaaba-cai", ["DC_PRICE_ICPSWAP_FACTORY"] = "aaaaa-aa",
            ["DC_PRICE_ICPSWAP_FEE"] = "10000", ["DC_PRICE_DEX_TOKENS"] = "ICP, DC",
        });
        Assert.Equal(("ryjl3-tyaaa-aaaaa-aaaba-cai", "aaaaa-aa", 10000), (set.IcDex.KongSwapCanister, set.IcDex.IcpSwapFactoryCanister, set.IcDex.IcpSwapFee));
        Assert.Equal(["ICP", "DC"], set.IcDex.EffectiveTokens);
        var defaults = Read([]).IcDex;
        Assert.Equal(("2ipq2-uqaaa-aaaar-qailq-cai", "4mmnk-kiaaa-aaaag-qbllq-cai", 3000), (defaults.KongSwapCanister, defaults.IcpSwapFactoryCanister, defaults.IcpSwapFee));
        Assert.Equal(["DC", "ICP", "ckUSDC"], defaults.EffectiveTokens);
    }

    [Theory]
    [InlineData("DC_PRICE_KONGSWAP_CANISTER", "kongswap", "KongSwapCanister")]
    [InlineData("DC_PRICE_ICPSWAP_FACTORY", "4MMNK-KIAAA", "IcpSwapFactoryCanister")]
    [InlineData("DC_PRICE_ICPSWAP_FEE", "2500", "IcpSwapFee")]
    [InlineData("DC_PRICE_DEX_TOKENS", "ICP,ckUSDT", "Tokens")]
    public void A_bad_dex_setting_is_refused_naming_it(string name, string value, string named)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }
}
