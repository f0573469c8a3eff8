using System.ComponentModel.DataAnnotations;
using System.Numerics;
using DecentCloud.Domain.Money;
using DecentCloud.Icp.Candid;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>
/// Which DEX canisters on the IC the <c>kongswap</c> and <c>icpswap</c> price sources read (section <c>IcDex</c>), and
/// which tokens they price against ckUSDT. The defaults are the published mainnet canisters; only tests change them.
/// </summary>
public sealed class IcDexOptions : IValidatableObject
{
    /// <summary>KongSwap's backend canister (<c>DC_PRICE_KONGSWAP_CANISTER</c>).</summary>
    [Required]
    public string KongSwapCanister { get; set; } = "2ipq2-uqaaa-aaaar-qailq-cai";

    /// <summary>ICPSwap's SwapFactory canister, which names each pair's pool canister (<c>DC_PRICE_ICPSWAP_FACTORY</c>).</summary>
    [Required]
    public string IcpSwapFactoryCanister { get; set; } = "4mmnk-kiaaa-aaaag-qbllq-cai";

    /// <summary>ICPSwap's fee tier of the pools read, in millionths (<c>DC_PRICE_ICPSWAP_FEE</c>; 500, 3000 or 10000; default 3000, the tier in use).</summary>
    public int IcpSwapFee { get; set; } = 3000;

    /// <summary>
    /// The tokens priced from their pool against ckUSDT (<c>DC_PRICE_DEX_TOKENS</c>, comma-separated; default <c>DC</c>,
    /// <c>ICP</c>, <c>ckUSDC</c>). Each is a token the platform knows (its ledger canister and decimals), never ckUSDT itself.
    /// </summary>
    public IList<string> Tokens { get; } = [];

    /// <summary>The tokens priced: <see cref="Tokens"/>, or DC, ICP and ckUSDC when none is configured.</summary>
    public IReadOnlyList<string> EffectiveTokens => Tokens.Count > 0
        ? [.. Tokens.Distinct(StringComparer.Ordinal)]
        : [Token.Dc.Symbol, Token.Icp.Symbol, Token.CkUsdc.Symbol];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(KongSwapCanister), KongSwapCanister), (nameof(IcpSwapFactoryCanister), IcpSwapFactoryCanister) })
        {
            if (!IsPrincipal(value))
            {
                yield return new ValidationResult($"{name} must be a canister id (principal text), got '{value}'.", [name]);
            }
        }

        if (IcpSwapFee is not (500 or 3000 or 10000))
        {
            yield return new ValidationResult($"{nameof(IcpSwapFee)} must be one of ICPSwap's fee tiers 500, 3000 or 10000, got {IcpSwapFee}.", [nameof(IcpSwapFee)]);
        }

        var refused = Tokens.Where(t => Token.FromSymbol(t).IsFailed || t == Token.CkUsdt.Symbol).ToList();
        if (refused.Count > 0)
        {
            yield return new ValidationResult(
                $"{nameof(Tokens)} names tokens that cannot be priced against ckUSDT ({string.Join(", ", refused)}); known: DC, ICP, ckUSDC.", [nameof(Tokens)]);
        }
    }

    /// <summary>The fee tier as the factory takes it.</summary>
    internal BigInteger IcpSwapFeeNat => IcpSwapFee;

    private static bool IsPrincipal(string? text) => !string.IsNullOrWhiteSpace(text) && Principal.TryParse(text, out _);
}
