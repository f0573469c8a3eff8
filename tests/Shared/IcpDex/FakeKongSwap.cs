using DecentCloud.Icp.Candid;

namespace DecentCloud.Tests.Shared;

/// <summary>KongSwap's backend canister as published (KongSwap/kong, src/kong_backend/kong_backend.did): the <c>pools</c> query.</summary>
internal sealed class FakeKongSwap : DidCanister
{
    public static readonly Principal Backend = Principal.FromText("2ipq2-uqaaa-aaaar-qailq-cai");

    // The published types, every field (the adapter maps only some: subtyping must skip the rest).
    private const string Did = """
        type PoolReply = record {
            pool_id : nat32; name : text; symbol : text;
            chain_0 : text; symbol_0 : text; address_0 : text; balance_0 : nat; lp_fee_0 : nat;
            chain_1 : text; symbol_1 : text; address_1 : text; balance_1 : nat; lp_fee_1 : nat;
            price : float64; lp_fee_bps : nat8; lp_token_symbol : text; is_removed : bool;
        };
        type PoolsResult = variant { Ok : vec PoolReply; Err : text };
        """;

    public FakeKongSwap()
        : base(Did) => Method(Backend, "pools", "(opt text)", "(PoolsResult)");

    /// <summary>A pool record in Candid text: tokens by symbol and ledger, balances in base units.</summary>
    public static string Pool(string symbol0, string ledger0, string balance0, string symbol1, string ledger1, string balance1, bool removed = false, string chain = "IC", string lpFee0 = "0", string lpFee1 = "0") => $$"""
        record {
            pool_id = 7; name = "{{symbol0}}_{{symbol1}} Liquidity Pool"; symbol = "{{symbol0}}_{{symbol1}}";
            chain_0 = "{{chain}}"; symbol_0 = "{{symbol0}}"; address_0 = "{{ledger0}}"; balance_0 = {{balance0}}; lp_fee_0 = {{lpFee0}};
            chain_1 = "{{chain}}"; symbol_1 = "{{symbol1}}"; address_1 = "{{ledger1}}"; balance_1 = {{balance1}}; lp_fee_1 = {{lpFee1}};
            price = 4.2; lp_fee_bps = 30; lp_token_symbol = "{{symbol0}}_{{symbol1}}"; is_removed = {{(removed ? "true" : "false")}};
        }
        """;

    public void AnswerPools(params string[] pools) => Answer(Backend, "pools", $"(variant {{ Ok = vec {{ {string.Join("; ", pools)} }} }})");
}
