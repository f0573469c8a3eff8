using System.Numerics;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.Adapters.Icp.Dex;

// KongSwap's backend canister, from its published interface (KongSwap/kong, src/kong_backend/kong_backend.did):
//   pools : (opt text) -> (PoolsResult) query;
//   type PoolsResult = variant { Ok : vec PoolReply; Err : text };
//   type PoolReply = record { pool_id : nat32; name : text; symbol : text; chain_0 : text; symbol_0 : text;
//     address_0 : text; balance_0 : nat; lp_fee_0 : nat; chain_1 : text; symbol_1 : text; address_1 : text;
//     balance_1 : nat; lp_fee_1 : nat; price : float64; lp_fee_bps : nat8; lp_token_symbol : text; is_removed : bool };
// Only the fields read are mapped: Candid subtyping skips the others on decoding.

/// <summary>The reply of KongSwap's <c>pools</c> query.</summary>
[CandidVariant]
internal abstract record KongPoolsResult
{
    /// <summary>The pools matching the wildcard.</summary>
    public sealed record Ok(KongPool[] Value) : KongPoolsResult;

    /// <summary>KongSwap's refusal, as text.</summary>
    public sealed record Err(string Value) : KongPoolsResult;
}

/// <summary>One KongSwap pool: its two tokens (ledger canister ids on chain IC), their balances and the LP fees kept in the pool, in base units.</summary>
internal sealed record KongPool(
    [property: CandidName("symbol")] string Symbol,
    [property: CandidName("chain_0")] string Chain0,
    [property: CandidName("address_0")] string Address0,
    [property: CandidName("balance_0")] BigInteger Balance0,
    [property: CandidName("lp_fee_0")] BigInteger LpFee0,
    [property: CandidName("chain_1")] string Chain1,
    [property: CandidName("address_1")] string Address1,
    [property: CandidName("balance_1")] BigInteger Balance1,
    [property: CandidName("lp_fee_1")] BigInteger LpFee1,
    [property: CandidName("is_removed")] bool IsRemoved);
