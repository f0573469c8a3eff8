using DecentCloud.Adapters.Icp.Dex;
using DecentCloud.Application.Prices;
using DecentCloud.Domain.Money;
using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Candid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DecentCloud.Adapters.Icp.Tests.Dex;

/// <summary>
/// The KongSwap and ICPSwap price sources against fake canisters answering their published Candid shapes, behind
/// <see cref="LocalReplica"/> and reached through the real HTTP agent (signed query replies verified): what was asked,
/// the price obtained, and every way an answer can be unusable.
/// </summary>
public sealed class DexPriceSourceTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Dc = Token.Dc.LedgerCanisterId!;
    private static readonly string Icp = Token.Icp.LedgerCanisterId!;
    private static readonly string CkUsdt = Token.CkUsdt.LedgerCanisterId!;
    private static readonly System.Numerics.BigInteger Q96 = System.Numerics.BigInteger.One << 96;

    private readonly FakeKongSwap _kong = new();
    private readonly FakeIcpSwap _icpSwap = new();
    private readonly List<LocalReplica> _replicas = [];
    private readonly List<IDisposable> _disposables = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        _disposables.ForEach(d => d.Dispose());
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
    }

    private async Task<LocalReplica> StartAsync(DidCanister canister, Principal id)
    {
        var replica = await LocalReplica.StartAsync(canister, id);
        _replicas.Add(replica);
        return replica;
    }

    /// <summary>KongSwap through the DI registration the API uses, on a network pointing at the local replica.</summary>
    private async Task<(IPriceSource Source, LocalReplica Replica)> KongAsync()
    {
        var replica = await StartAsync(_kong, FakeKongSwap.Backend);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddDecentCloudIcpDex(new IcNetworkOptions { Url = replica.Url, RootKey = Convert.ToHexString(replica.RootKeyDer) }, new IcDexOptions());
        var provider = services.BuildServiceProvider();
        _disposables.Add(provider);
        return (provider.GetServices<IPriceSource>().Single(s => s.Name == "kongswap"), replica);
    }

    /// <summary>ICPSwap: the factory and the pool each behind their own replica, one agent routed to both.</summary>
    private async Task<IPriceSource> IcpSwapAsync()
    {
        var factory = await StartAsync(_icpSwap, FakeIcpSwap.Factory);
        var pool = await StartAsync(_icpSwap, FakeIcpSwap.Pool);
        var router = new HttpClient(new ReplicaRouter(new Dictionary<string, Uri>
        {
            [FakeIcpSwap.Factory.ToText()] = factory.Url,
            [FakeIcpSwap.Pool.ToText()] = pool.Url,
        }));
        var agent = new IcNetworkOptions { Url = factory.Url, RootKey = Convert.ToHexString(factory.RootKeyDer) }.CreateAgent(httpClient: router);
        _disposables.Add(agent);
        _disposables.Add(router);
        return new IcpSwapPriceSource(agent, new IcDexOptions(), new FakeTimeProvider(Now));
    }

    private static async Task<string> FailureAsync(IPriceSource source, string token) =>
        (await Assert.ThrowsAsync<PriceSourceException>(() => source.QuoteAsync(token, Ct))).Message;

    [Fact]
    public async Task KongSwap_prices_DC_from_its_ckUSDT_pool_picked_by_ledger_not_by_symbol()
    {
        var (kong, replica) = await KongAsync();
        _kong.AnswerPools(
            // An impostor pool: same symbols, another ledger for "DC".
            FakeKongSwap.Pool("DC", "aaaaa-aa", "1000000000", "ckUSDT", CkUsdt, "99000000000"),
            // Reserves = balance + LP fees held in the pool: 10^15 DC units and 12,345,678,901 ckUSDT units.
            FakeKongSwap.Pool("DC", Dc, "999999999999000", "ckUSDT", CkUsdt, "12345000000", lpFee0: "1000", lpFee1: "678901"));

        var quote = await kong.QuoteAsync("DC", Ct);

        Assert.Equal(("kongswap", "DC", 0.012345678901m, Now), (quote.Source, quote.Token, quote.PriceUsd, quote.ObservedAt));
        var asked = Assert.Single(_kong.Asked);
        Assert.Equal((FakeKongSwap.Backend, "pools", _kong.Canonical("(opt text)", """(opt "DC_ckUSDT")""")), asked);
        // Byte for byte the published argument type, opt text (not a text only subtyping would accept).
        Assert.Equal(_kong.Encoded("(opt text)", """(opt "DC_ckUSDT")"""), Assert.Single(_kong.AskedBytes));
        Assert.Contains(replica.Requests, r => r.EndsWith($"{FakeKongSwap.Backend}/query", StringComparison.Ordinal));
    }

    [Fact]
    public async Task KongSwap_reads_a_pool_listed_the_other_way_round()
    {
        var (kong, _) = await KongAsync();
        _kong.AnswerPools(FakeKongSwap.Pool("ckUSDT", CkUsdt, "43210000000", "ICP", Icp, "1000000000000"));

        Assert.Equal(4.321m, (await kong.QuoteAsync("ICP", Ct)).PriceUsd);
        Assert.Equal(_kong.Canonical("(opt text)", """(opt "ICP_ckUSDT")"""), Assert.Single(_kong.Asked).Arg);
    }

    public static TheoryData<string, string> KongFailures => new()
    {
        { """(variant { Err = "Pool not found" })""", "kongswap error: Pool not found" },
        { "(variant { Ok = vec {} })", "no DC_ckUSDT pool: kongswap lists none between ledgers" },
        { $"(variant {{ Ok = vec {{ {FakeKongSwap.Pool("DC", Dc, "1000", "ckUSDT", CkUsdt, "1000", removed: true)} }} }})", "no DC_ckUSDT pool" },
        { $"(variant {{ Ok = vec {{ {FakeKongSwap.Pool("DC", Dc, "1000", "ckUSDT", CkUsdt, "1000", chain: "SOL")} }} }})", "no DC_ckUSDT pool" },
        { $"(variant {{ Ok = vec {{ {FakeKongSwap.Pool("DC", Dc, "0", "ckUSDT", CkUsdt, "1000")} }} }})", "empty pool: a reserve is zero" },
        { $"(variant {{ Ok = vec {{ {FakeKongSwap.Pool("DC", Dc, "1000", "ckUSDT", CkUsdt, "0")} }} }})", "empty pool: a reserve is zero" },
    };

    [Theory]
    [MemberData(nameof(KongFailures))]
    public async Task KongSwap_an_error_no_pool_or_an_empty_pool_is_a_failure_with_its_reason(string reply, string reason)
    {
        var (kong, _) = await KongAsync();
        _kong.Answer(FakeKongSwap.Backend, "pools", reply);

        Assert.StartsWith(reason, await FailureAsync(kong, "DC"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KongSwap_a_reply_that_is_not_the_published_shape_is_garbage()
    {
        var (kong, _) = await KongAsync();
        _kong.AnswerBytes(FakeKongSwap.Backend, "pools", DecentCloud.Icp.Candid.Mapping.CandidSerializer.Encode("not a pool list"));

        Assert.StartsWith("garbage: pools on 2ipq2-uqaaa-aaaar-qailq-cai answered something that is not its published reply", await FailureAsync(kong, "DC"), StringComparison.Ordinal);
        _kong.AnswerBytes(FakeKongSwap.Backend, "pools", [0x44, 0x49, 0x44, 0x4c, 0xff]);
        Assert.StartsWith("garbage: ", await FailureAsync(kong, "DC"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_reply_whose_node_signature_does_not_verify_is_a_failure_not_a_price()
    {
        var (kong, replica) = await KongAsync();
        _kong.AnswerPools(FakeKongSwap.Pool("DC", Dc, "1000000000000000", "ckUSDT", CkUsdt, "12345678901"));
        replica.QueryMode = LocalReplica.QuerySignatures.Forged;

        Assert.StartsWith("pools on 2ipq2-uqaaa-aaaar-qailq-cai failed: ", await FailureAsync(kong, "DC"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_replica_is_a_failure_naming_the_call()
    {
        var (kong, replica) = await KongAsync();
        await replica.DisposeAsync();
        _replicas.Remove(replica);

        Assert.Contains("could not be reached", await FailureAsync(kong, "DC"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canister_slower_than_the_callers_deadline_is_cancelled_which_the_job_records_as_a_timeout()
    {
        var (kong, _) = await KongAsync();
        _kong.AnswerPools(FakeKongSwap.Pool("DC", Dc, "1000000000000000", "ckUSDT", CkUsdt, "12345678901"));
        _kong.Delay = TimeSpan.FromSeconds(3);
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var started = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => kong.QuoteAsync("DC", deadline.Token));

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(2), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_rejected_query_is_a_failure_with_the_reject_code_and_message()
    {
        // Straight on the transport port: the local replica answers query rejects as errors, a real one as "rejected".
        _kong.Reject(FakeKongSwap.Backend, "pools", "Canister 2ipq2 trapped: out of cycles");
        var kong = new KongSwapPriceSource(_kong, new IcDexOptions(), new FakeTimeProvider(Now));

        Assert.Equal("pools on 2ipq2-uqaaa-aaaar-qailq-cai was rejected (code 5): Canister 2ipq2 trapped: out of cycles", await FailureAsync(kong, "DC"));
    }

    [Fact]
    public async Task A_token_the_source_does_not_quote_is_refused_without_asking()
    {
        var kong = new KongSwapPriceSource(_kong, new IcDexOptions(), new FakeTimeProvider(Now));
        var icpSwap = new IcpSwapPriceSource(_icpSwap, new IcDexOptions { Tokens = { "ICP" } }, new FakeTimeProvider(Now));

        Assert.Equal("kongswap does not quote ckUSDT", await FailureAsync(kong, "ckUSDT"));
        Assert.Equal("icpswap does not quote DC", await FailureAsync(icpSwap, "DC"));
        Assert.Empty(_kong.Asked);
        Assert.Empty(_icpSwap.Asked);
    }

    [Fact]
    public async Task IcpSwap_finds_the_pool_through_the_factory_and_prices_ICP_from_its_sqrtPriceX96()
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        _icpSwap.AnswerMetadata((Q96 >> 2).ToString(), "123456789", FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));

        var quote = await icpSwap.QuoteAsync("ICP", Ct);

        Assert.Equal(("icpswap", "ICP", 6.25m, Now), (quote.Source, quote.Token, quote.PriceUsd, quote.ObservedAt));
        Assert.Equal(
            [
                (FakeIcpSwap.Factory, "getPool", _icpSwap.Canonical("(GetPoolArgs)", $$"""
                    (record { fee = 3000; token0 = record { address = "{{Icp}}"; standard = "ICP" }; token1 = record { address = "{{CkUsdt}}"; standard = "ICRC2" } })
                    """)),
                (FakeIcpSwap.Pool, "metadata", "()"),
            ],
            _icpSwap.Asked);
    }

    [Fact]
    public async Task IcpSwap_inverts_the_price_when_the_token_is_the_pools_token1()
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(CkUsdt, "ICRC2"), FakeIcpSwap.Token(Icp, "ICP"));
        _icpSwap.AnswerMetadata((Q96 << 2).ToString(), "1", FakeIcpSwap.Token(CkUsdt, "ICRC2"), FakeIcpSwap.Token(Icp, "ICP"));

        Assert.Equal(6.25m, (await icpSwap.QuoteAsync("ICP", Ct)).PriceUsd);
    }

    [Fact]
    public async Task IcpSwap_prices_DC_against_ckUSDT_as_well()
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Dc, "ICRC2"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        // (√(1/100)·2^96)² / 2^192 = 1/100 ckUSDT unit per DC unit → 0.01 · 10^(9−6) = 10 USD per DC.
        _icpSwap.AnswerMetadata((Q96 / 10).ToString(), "5", FakeIcpSwap.Token(Dc, "ICRC2"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));

        var price = (await icpSwap.QuoteAsync("DC", Ct)).PriceUsd;

        // Q96/10 is not exact (2^96 is not a multiple of 10), so the price is 10 within the 18th digit's rounding.
        Assert.InRange(price, 9.999999999999999m, 10m);
        Assert.Contains(Dc, _icpSwap.Asked.First().Arg, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> IcpSwapFailures => new()
    {
        { "getPool", "(variant { err = variant { UnsupportedToken = \"no such pool\" } })", "icpswap getPool error: UnsupportedToken: no such pool" },
        { "getPool", "(variant { err = variant { CommonError } })", "icpswap getPool error: CommonError" },
        { "metadata", "(variant { err = variant { InternalError = \"pool is upgrading\" } })", "icpswap metadata error: InternalError: pool is upgrading" },
        { "metadata", "(variant { err = variant { InsufficientFunds } })", "icpswap metadata error: InsufficientFunds" },
    };

    [Theory]
    [MemberData(nameof(IcpSwapFailures))]
    public async Task IcpSwap_an_err_variant_is_a_failure_with_its_case(string method, string reply, string reason)
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        _icpSwap.AnswerMetadata((Q96 >> 2).ToString(), "1", FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        _icpSwap.Answer(method == "getPool" ? FakeIcpSwap.Factory : FakeIcpSwap.Pool, method, reply);

        Assert.Equal(reason, await FailureAsync(icpSwap, "ICP"));
    }

    [Theory]
    [InlineData("0", "1", "empty pool: sqrtPriceX96 is 0")]
    [InlineData("79228162514264337593543950336", "0", "empty pool: ")]
    public async Task IcpSwap_an_empty_pool_is_a_failure(string sqrtPriceX96, string liquidity, string reason)
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        _icpSwap.AnswerMetadata(sqrtPriceX96, liquidity, FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));

        Assert.StartsWith(reason, await FailureAsync(icpSwap, "ICP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcpSwap_a_pool_of_another_pair_is_garbage()
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(Token.CkUsdc.LedgerCanisterId!, "ICRC2"));

        Assert.StartsWith("garbage: getPool answered the pair", await FailureAsync(icpSwap, "ICP"), StringComparison.Ordinal);
        _icpSwap.AnswerPool(FakeIcpSwap.Token(Icp, "ICP"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        _icpSwap.AnswerMetadata((Q96 >> 2).ToString(), "1", FakeIcpSwap.Token(Dc, "ICRC2"), FakeIcpSwap.Token(CkUsdt, "ICRC2"));
        Assert.StartsWith("garbage: metadata answered the pair", await FailureAsync(icpSwap, "ICP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IcpSwap_a_reply_that_is_not_the_published_shape_is_garbage()
    {
        var icpSwap = await IcpSwapAsync();
        _icpSwap.AnswerBytes(FakeIcpSwap.Factory, "getPool", DecentCloud.Icp.Candid.Mapping.CandidSerializer.Encode(42UL));

        Assert.StartsWith($"garbage: getPool on {FakeIcpSwap.Factory} answered something", await FailureAsync(icpSwap, "ICP"), StringComparison.Ordinal);
    }
}
