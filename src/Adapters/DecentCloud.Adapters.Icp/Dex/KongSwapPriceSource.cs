using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>
/// KongSwap (a constant-product DEX on the IC): the query <c>pools(opt "DC_ckUSDT")</c> on its backend canister, the
/// pool picked by its two ledger canister ids (never by symbol, which anyone can reuse), and the price is the ratio of
/// its reserves scaled by the tokens' decimals — a reserve being the balance plus the LP fees held in the pool, as
/// KongSwap itself prices a pool (its <c>get_price</c>). ckUSDT counts as USD, as USDT does for Binance: the spread rule drops
/// the source should ckUSDT lose its peg against the other sources.
/// </summary>
internal sealed class KongSwapPriceSource(ICanisterTransport transport, IcDexOptions options, TimeProvider time) : IPriceSource
{
    /// <summary>KongSwap's name for the IC chain in <c>chain_0</c>/<c>chain_1</c>.</summary>
    private const string IcChain = "IC";

    private readonly Principal _backend = Principal.FromText(options.KongSwapCanister);

    public string Name => "kongswap";

    public IReadOnlyCollection<string> Tokens => options.EffectiveTokens;

    // `pools : (opt text)`: encoded as opt text itself (a C# string maps to plain text, which only subtyping would accept).
    private static byte[] PoolsArg(string wildcard) =>
        CandidEncoder.Encode([CandidType.Opt(CandidType.Text)], [new OptValue(new TextValue(wildcard))]);

    public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
    {
        var priced = DexTokens.Priced(Name, Tokens, token);
        var quote = Token.CkUsdt;
        var wildcard = $"{priced.Symbol}_{quote.Symbol}";
        var result = await DexQuery.QueryAsync<KongPoolsResult>(transport, _backend, "pools", PoolsArg(wildcard), cancellationToken);
        var pools = result switch
        {
            KongPoolsResult.Ok ok => ok.Value,
            KongPoolsResult.Err err => throw new PriceSourceException($"kongswap error: {err.Value}"),
            _ => throw new PriceSourceException("garbage: pools answered neither Ok nor Err"),
        };

        var pool = pools.Where(p => !p.IsRemoved && p.Chain0 == IcChain && p.Chain1 == IcChain)
            .FirstOrDefault(p => (p.Address0 == priced.LedgerCanisterId && p.Address1 == quote.LedgerCanisterId)
                || (p.Address0 == quote.LedgerCanisterId && p.Address1 == priced.LedgerCanisterId))
            ?? throw new PriceSourceException($"no {wildcard} pool: kongswap lists none between ledgers {priced.LedgerCanisterId} and {quote.LedgerCanisterId}");

        var (reserve0, reserve1) = (pool.Balance0 + pool.LpFee0, pool.Balance1 + pool.LpFee1);
        var (baseReserve, quoteReserve) = pool.Address0 == priced.LedgerCanisterId ? (reserve0, reserve1) : (reserve1, reserve0);
        var price = PoolPrice.FromReserves(baseReserve, priced.Decimals, quoteReserve, quote.Decimals);
        return PriceQuote.Create(Name, token, price, time.GetUtcNow()).Value;
    }
}
