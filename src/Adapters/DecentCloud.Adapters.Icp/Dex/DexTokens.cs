using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;

namespace DecentCloud.Adapters.Icp.Dex;

/// <summary>The platform's token a DEX source is asked for: one it quotes, with a ledger canister and decimals.</summary>
internal static class DexTokens
{
    public static Token Priced(string source, IReadOnlyCollection<string> quoted, string symbol) =>
        quoted.Contains(symbol, StringComparer.Ordinal) && Token.FromSymbol(symbol) is { IsSuccess: true, Value: { LedgerCanisterId: not null } token }
            ? token
            : throw new PriceSourceException($"{source} does not quote {symbol}");
}
