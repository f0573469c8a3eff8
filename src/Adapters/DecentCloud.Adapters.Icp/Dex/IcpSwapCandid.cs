using System.Numerics;
using DecentCloud.Icp.Candid;
using DecentCloud.Icp.Candid.Mapping;

namespace DecentCloud.Adapters.Icp.Dex;

// ICPSwap's published interfaces (ICPSwap-Labs/docs, _canister/SwapFactory/SwapFactory.did and _canister/SwapPool/SwapPool.did):
//   SwapFactory  getPool : (GetPoolArgs) -> (Result_8) query;
//     type GetPoolArgs = record { fee : nat; token0 : Token; token1 : Token };
//     type Token = record { address : text; standard : text };
//     type Result_8 = variant { err : Error; ok : PoolData };
//     type PoolData = record { canisterId : principal; fee : nat; key : text; tickSpacing : int; token0 : Token; token1 : Token };
//   SwapPool     metadata : () -> (Result_7) query;
//     type Result_7 = variant { err : Error; ok : PoolMetadata };
//     type PoolMetadata = record { fee : nat; key : text; liquidity : nat; maxLiquidityPerTick : nat; nextPositionId : nat;
//       sqrtPriceX96 : nat; tick : int; token0 : Token; token1 : Token };
//   both         type Error = variant { CommonError; InsufficientFunds; InternalError : text; UnsupportedToken : text };
// Only the fields read are mapped (Candid subtyping skips the others); every Error case is, since any may come back.

/// <summary>An ICPSwap token: its ledger canister id and standard (<c>ICP</c>, <c>ICRC1</c>, <c>ICRC2</c>, …).</summary>
internal sealed record IcpSwapToken([property: CandidName("address")] string Address, [property: CandidName("standard")] string Standard);

/// <summary>The argument of the factory's <c>getPool</c>: the pair (in any order) and the fee tier.</summary>
internal sealed record IcpSwapGetPoolArgs(
    [property: CandidName("fee")] BigInteger Fee,
    [property: CandidName("token0")] IcpSwapToken Token0,
    [property: CandidName("token1")] IcpSwapToken Token1);

/// <summary>The factory's entry for a pool: the pool canister and its ordered pair.</summary>
internal sealed record IcpSwapPoolData(
    [property: CandidName("canisterId")] Principal CanisterId,
    [property: CandidName("token0")] IcpSwapToken Token0,
    [property: CandidName("token1")] IcpSwapToken Token1);

/// <summary>A pool's state: the square root of token1-per-token0 in base units, as a Q64.96 fixed-point number, and its liquidity.</summary>
internal sealed record IcpSwapPoolMetadata(
    [property: CandidName("sqrtPriceX96")] BigInteger SqrtPriceX96,
    [property: CandidName("liquidity")] BigInteger Liquidity,
    [property: CandidName("token0")] IcpSwapToken Token0,
    [property: CandidName("token1")] IcpSwapToken Token1);

/// <summary>ICPSwap's <c>Error</c>.</summary>
[CandidVariant]
internal abstract record IcpSwapError
{
    /// <summary>A generic failure.</summary>
    public sealed record CommonError : IcpSwapError;

    /// <summary>Not enough funds.</summary>
    public sealed record InsufficientFunds : IcpSwapError;

    /// <summary>An internal failure, with its message.</summary>
    public sealed record InternalError(string Value) : IcpSwapError;

    /// <summary>A token the service does not support, with its message.</summary>
    public sealed record UnsupportedToken(string Value) : IcpSwapError;
}

/// <summary>The factory's <c>getPool</c> reply.</summary>
[CandidVariant]
internal abstract record IcpSwapPoolResult
{
    /// <summary>The pool.</summary>
    [CandidName("ok")]
    public sealed record Ok(IcpSwapPoolData Value) : IcpSwapPoolResult;

    /// <summary>The refusal.</summary>
    [CandidName("err")]
    public sealed record Err(IcpSwapError Value) : IcpSwapPoolResult;
}

/// <summary>The pool's <c>metadata</c> reply.</summary>
[CandidVariant]
internal abstract record IcpSwapMetadataResult
{
    /// <summary>The pool's state.</summary>
    [CandidName("ok")]
    public sealed record Ok(IcpSwapPoolMetadata Value) : IcpSwapMetadataResult;

    /// <summary>The refusal.</summary>
    [CandidName("err")]
    public sealed record Err(IcpSwapError Value) : IcpSwapMetadataResult;
}
