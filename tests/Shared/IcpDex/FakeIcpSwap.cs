using DecentCloud.Icp.Candid;

namespace DecentCloud.Tests.Shared;

/// <summary>
/// ICPSwap's SwapFactory (<c>getPool</c>) and one SwapPool (<c>metadata</c>) as published (ICPSwap-Labs/docs,
/// _canister/SwapFactory/SwapFactory.did and _canister/SwapPool/SwapPool.did).
/// </summary>
internal sealed class FakeIcpSwap : DidCanister
{
    public static readonly Principal Factory = Principal.FromText("4mmnk-kiaaa-aaaag-qbllq-cai");

    /// <summary>A pool canister id (any principal; the factory names it).</summary>
    public static readonly Principal Pool = Principal.FromBytes([0, 0, 0, 0, 0, 0xF0, 0x10, 0x42, 0x01, 0x01]);

    private const string Did = """
        type Token = record { address : text; standard : text };
        type GetPoolArgs = record { fee : nat; token0 : Token; token1 : Token };
        type PoolData = record { canisterId : principal; fee : nat; key : text; tickSpacing : int; token0 : Token; token1 : Token };
        type Error = variant { CommonError; InsufficientFunds; InternalError : text; UnsupportedToken : text };
        type Result_8 = variant { err : Error; ok : PoolData };
        type PoolMetadata = record {
            fee : nat; key : text; liquidity : nat; maxLiquidityPerTick : nat; nextPositionId : nat;
            sqrtPriceX96 : nat; tick : int; token0 : Token; token1 : Token;
        };
        type Result_7 = variant { err : Error; ok : PoolMetadata };
        """;

    public FakeIcpSwap()
        : base(Did)
    {
        Method(Factory, "getPool", "(GetPoolArgs)", "(Result_8)");
        Method(Pool, "metadata", "()", "(Result_7)");
    }

    public static string Token(string ledger, string standard) => $$"""record { address = "{{ledger}}"; standard = "{{standard}}" }""";

    public void AnswerPool(string token0, string token1) => Answer(Factory, "getPool", $$"""
        (variant { ok = record { canisterId = principal "{{Pool}}"; fee = 3000; key = "k_3000"; tickSpacing = 60;
            token0 = {{token0}}; token1 = {{token1}} } })
        """);

    public void AnswerMetadata(string sqrtPriceX96, string liquidity, string token0, string token1) => Answer(Pool, "metadata", $$"""
        (variant { ok = record { fee = 3000; key = "k_3000"; liquidity = {{liquidity}}; maxLiquidityPerTick = 1;
            nextPositionId = 9; sqrtPriceX96 = {{sqrtPriceX96}}; tick = -12345; token0 = {{token0}}; token1 = {{token1}} } })
        """);
}
