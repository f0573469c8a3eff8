using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Prices;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>
/// ICPSwap (a concentrated-liquidity DEX on the IC, Uniswap v3 style): the factory's <c>getPool</c> names the pair's
/// pool canister, whose <c>metadata</c> gives <c>sqrtPriceX96</c>; the price follows from it and the tokens' decimals.
/// Both answers must name exactly the two ledgers asked for. ckUSDT counts as USD (the spread rule drops a departure).
/// </summary>
internal sealed class IcpSwapPriceSource(ICanisterTransport transport, IcDexOptions options, TimeProvider time) : IPriceSource
{
    private readonly Principal _factory = Principal.FromText(options.IcpSwapFactoryCanister);

    public string Name => "icpswap";

    public IReadOnlyCollection<string> Tokens => options.EffectiveTokens;

    public async Task<PriceQuote> QuoteAsync(string token, CancellationToken cancellationToken)
    {
        var priced = DexTokens.Priced(Name, Tokens, token);
        var quote = Token.CkUsdt;
        var args = new IcpSwapGetPoolArgs(options.IcpSwapFeeNat, new IcpSwapToken(priced.LedgerCanisterId!, Standard(priced)), new IcpSwapToken(quote.LedgerCanisterId!, Standard(quote)));
        var pool = await DexQuery.QueryAsync<IcpSwapPoolResult>(transport, _factory, "getPool", CandidSerializer.Encode(args), cancellationToken) switch
        {
            IcpSwapPoolResult.Ok ok => ok.Value,
            IcpSwapPoolResult.Err err => throw new PriceSourceException($"icpswap getPool error: {Describe(err.Value)}"),
            _ => throw new PriceSourceException("garbage: getPool answered neither ok nor err"),
        };
        CheckPair("getPool", pool.Token0, pool.Token1, priced, quote);

        var metadata = await DexQuery.QueryAsync<IcpSwapMetadataResult>(transport, pool.CanisterId, "metadata", NoArgs, cancellationToken) switch
        {
            IcpSwapMetadataResult.Ok ok => ok.Value,
            IcpSwapMetadataResult.Err err => throw new PriceSourceException($"icpswap metadata error: {Describe(err.Value)}"),
            _ => throw new PriceSourceException("garbage: metadata answered neither ok nor err"),
        };
        CheckPair("metadata", metadata.Token0, metadata.Token1, priced, quote);
        if (metadata.Liquidity.Sign <= 0)
        {
            throw new PriceSourceException($"empty pool: {pool.CanisterId} has no liquidity in range");
        }

        var baseIsToken0 = metadata.Token0.Address == priced.LedgerCanisterId;
        var price = baseIsToken0
            ? PoolPrice.FromSqrtPriceX96(metadata.SqrtPriceX96, true, priced.Decimals, quote.Decimals)
            : PoolPrice.FromSqrtPriceX96(metadata.SqrtPriceX96, false, quote.Decimals, priced.Decimals);
        return PriceQuote.Create(Name, token, price, time.GetUtcNow()).Value;
    }

    private static readonly byte[] NoArgs = DecentCloud.Icp.Candid.Binary.CandidEncoder.Encode([], []);

    // ICPSwap names the ICP ledger's standard "ICP"; ckUSDT, ckUSDC and DC are ICRC-2 ledgers. The factory finds the pool
    // by the two addresses and the fee, in either order (ICPSwap docs, "Searching a Pool").
    private static string Standard(Token token) => token == Token.Icp ? "ICP" : "ICRC2";

    private static void CheckPair(string method, IcpSwapToken token0, IcpSwapToken token1, Token priced, Token quote)
    {
        var pair = new[] { token0.Address, token1.Address }.Order(StringComparer.Ordinal);
        var asked = new[] { priced.LedgerCanisterId!, quote.LedgerCanisterId! }.Order(StringComparer.Ordinal);
        if (!pair.SequenceEqual(asked, StringComparer.Ordinal))
        {
            throw new PriceSourceException($"garbage: {method} answered the pair {token0.Address}/{token1.Address}, not {priced.Symbol}/{quote.Symbol}");
        }
    }

    private static string Describe(IcpSwapError error) => error switch
    {
        IcpSwapError.InternalError e => $"InternalError: {e.Value}",
        IcpSwapError.UnsupportedToken e => $"UnsupportedToken: {e.Value}",
        _ => error.GetType().Name,
    };
}
