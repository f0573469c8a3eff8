using System.Numerics;
using CsCheck;
using DecentCloud.Domain.Money;
using DecentCloud.Domain.Money.Deposits;

namespace DecentCloud.Domain.Tests;

public sealed class DepositConversionTests
{
    private static readonly Gen<BigInteger> Amounts = Gen.Long[0, 1_000_000_000_000].Select(v => (BigInteger)v);
    private static readonly Gen<decimal> Prices = Gen.Long[0, 100_000_000_000].Select(p => p / 100_000_000m);

    [Fact]
    public void The_conversion_is_the_floor_of_the_exact_product()
    {
        Gen.Select(Amounts, Gen.Int[6, 18], Prices).Sample((amount, decimals, price) =>
        {
            var usd = DepositConversion.ToUsd(amount, decimals, price);
            Assert.True(usd.IsSuccess);
            // nano ≤ amount × price × 10⁹ / 10^decimals < nano + 1, checked in exact integers (price × 10⁸ is whole).
            var scaledPrice = new BigInteger(price * 100_000_000m);
            var exact = amount * scaledPrice * BigInteger.Pow(10, 9);
            var denominator = BigInteger.Pow(10, decimals + 8);
            var nano = (BigInteger)usd.Value.NanoUsd;
            Assert.True(nano * denominator <= exact);
            Assert.True((nano + 1) * denominator > exact);
        });
    }

    [Fact]
    public void More_tokens_or_a_higher_price_never_credit_less()
    {
        Gen.Select(Amounts, Amounts, Gen.Int[6, 18], Prices, Prices).Sample((a, b, decimals, p, q) =>
        {
            var (small, large) = a <= b ? (a, b) : (b, a);
            var (low, high) = p <= q ? (p, q) : (q, p);
            Assert.True(DepositConversion.ToUsd(small, decimals, low).Value <= DepositConversion.ToUsd(large, decimals, low).Value);
            Assert.True(DepositConversion.ToUsd(small, decimals, low).Value <= DepositConversion.ToUsd(small, decimals, high).Value);
        });
    }

    [Fact]
    public void Crediting_two_deposits_never_gives_more_than_crediting_their_sum()
    {
        // Flooring each part can only lose (at most one nano-USD per part), never create money.
        Gen.Select(Amounts, Amounts, Gen.Int[6, 18], Prices).Sample((a, b, decimals, price) =>
        {
            var parts = DepositConversion.ToUsd(a, decimals, price).Value.NanoUsd + DepositConversion.ToUsd(b, decimals, price).Value.NanoUsd;
            var whole = DepositConversion.ToUsd(a + b, decimals, price).Value.NanoUsd;
            Assert.InRange(whole - parts, 0, 1);
        });
    }

    [Theory]
    [InlineData("150000000", 8, "12.345", 18_517_500_000L)]  // 1.5 ICP at $12.345
    [InlineData("1", 8, "12.345", 123L)]                     // one e8s: 123.45 nano-USD, floored
    [InlineData("2500000", 6, "1", 2_500_000_000L)]          // 2.5 ckUSDC at par
    [InlineData("1000000000", 9, "0", 0L)]
    public void Known_amounts_convert_exactly(string amount, int decimals, string price, long nanoUsd) =>
        Assert.Equal(nanoUsd, DepositConversion.ToUsd(BigInteger.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), decimals,
            decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture)).Value.NanoUsd);

    [Fact]
    public void A_value_beyond_the_largest_usd_amount_is_refused()
    {
        var result = DepositConversion.ToUsd(TokenAmount.MaxBaseUnits, 0, 1m);
        Assert.Equal("amount_overflow", Assert.IsType<Common.DomainError>(result.Errors[0]).Code);
        Assert.True(DepositConversion.ToUsd(BigInteger.One, 8, -1m).IsFailed);
    }

    [Fact]
    public void Stablecoins_are_at_par_within_the_tolerance_and_never_above_par_outside_it()
    {
        Gen.Select(Gen.Long[50_000_000, 150_000_000].Select(p => p / 100_000_000m), Gen.Long[0, 1_000].Select(t => t / 100m), Gen.Bool).Sample((market, tolerance, usdc) =>
        {
            var token = usdc ? Token.CkUsdc : Token.CkUsdt;
            var used = DepositConversion.PriceUsed(token, market, tolerance);
            var within = Math.Abs(market - 1m) * 100m <= tolerance;
            Assert.Equal(within ? 1m : Math.Min(market, 1m), used);
            Assert.True(used <= 1m);
        });
        Assert.Equal(1m, DepositConversion.PriceUsed(Token.CkUsdc, 0.985m, 2m));
        Assert.Equal(0.97m, DepositConversion.PriceUsed(Token.CkUsdc, 0.97m, 2m));
        Assert.Equal(1m, DepositConversion.PriceUsed(Token.CkUsdt, 1.05m, 2m));
    }

    [Fact]
    public void Other_tokens_are_at_the_market_price()
    {
        Gen.Long[0, 1_000_000_000_000].Select(p => p / 100_000_000m).Sample(market =>
        {
            Assert.Equal(market, DepositConversion.PriceUsed(Token.Icp, market, 2m));
            Assert.Equal(market, DepositConversion.PriceUsed(Token.Dc, market, 2m));
        });
    }

    [Fact]
    public void The_subaccount_is_deterministic_32_bytes_and_distinct_per_account()
    {
        Gen.Guid.Where(g => g != Guid.Empty).Sample(id =>
        {
            var sub = DepositSubaccount.For(id);
            Assert.Equal(sub, DepositSubaccount.For(id));
            Assert.Equal(DepositSubaccount.Length, sub.ToBytes().Length);
            Assert.Equal(sub, DepositSubaccount.FromBytes(sub.ToBytes()));
            Assert.NotEqual(sub, DepositSubaccount.For(Guid.NewGuid()));
            Assert.DoesNotContain(id.ToString("N"), sub.Hex, StringComparison.Ordinal);
        });
        // Pinned: a changed derivation would move every account's address, stranding what users already sent there.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
                [.. "decentcloud:deposit-subaccount:v1\0"u8, .. Guid.Parse("00112233-4455-6677-8899-aabbccddeeff").ToByteArray(bigEndian: true)])),
            DepositSubaccount.For(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff")).Hex);
        Assert.Equal([0x00, 0x11, 0x22, 0x33], Guid.Parse("00112233-4455-6677-8899-aabbccddeeff").ToByteArray(bigEndian: true)[..4]);
    }

    [Fact]
    public void A_deposit_is_below_fee_unknown_or_awaiting_its_price_then_credited_once()
    {
        var account = Guid.NewGuid();
        var sub = DepositSubaccount.For(account);
        var now = DateTimeOffset.UnixEpoch.AddDays(20000);
        Assert.Equal(DepositState.BelowFee, Deposit.Record(Token.Icp.LedgerCanisterId!, Token.Icp, 8, 1, "x", account, sub, 10_000, 10_000, now).Value.State);
        Assert.Equal(DepositState.UnknownToken, Deposit.Record("abcde-aaaaa", null, 8, 1, "x", account, sub, 1_000_000, 10_000, now).Value.State);
        var deposit = Deposit.Record(Token.Icp.LedgerCanisterId!, Token.Icp, 8, 7, "x", account, sub, 250_000_000, 10_000, now).Value;
        Assert.Equal(DepositState.AwaitingPrice, deposit.State);
        Assert.Equal($"icrc1:{Token.Icp.LedgerCanisterId}:7", deposit.IdempotencyKey);
        Assert.Equal(25_000_000_000L, deposit.Credit(10m, 2m, now).Value.NanoUsd);
        Assert.Equal(DepositState.Credited, deposit.State);
        Assert.Equal(10m, deposit.PriceUsd);
        Assert.True(deposit.Credit(10m, 2m, now).IsFailed);
        Assert.True(Deposit.Record(Token.Icp.LedgerCanisterId!, Token.Icp, 6, 1, "x", account, sub, 1, 0, now).IsFailed);
    }

    [Fact]
    public void Only_a_credited_deposit_is_planned_for_a_sweep_and_only_a_planned_sweep_completes()
    {
        var account = Guid.NewGuid();
        var now = DateTimeOffset.UnixEpoch.AddDays(20000);
        var deposit = Deposit.Record(Token.Icp.LedgerCanisterId!, Token.Icp, 8, 3, "x", account, DepositSubaccount.For(account), 50_000, 10_000, now).Value;
        Assert.Throws<InvalidOperationException>(() => deposit.PlanSweep(1, [1]));
        Assert.Equal(5_000, deposit.Credit(0.01m, 2m, now).Value.NanoUsd);  // 0.0005 ICP at $0.01 = $0.000005
        Assert.Throws<InvalidOperationException>(() => deposit.MarkSwept(9));
        deposit.PlanSweep(1_000, [1, 2]);
        Assert.Equal((DepositState.SweepPlanned, (long?)1_000), (deposit.State, deposit.SweepCreatedAtNanos));
        Assert.Throws<InvalidOperationException>(() => deposit.PlanSweep(2_000, [3]));
        deposit.MarkSwept(9);
        Assert.Equal((DepositState.Swept, (long?)9), (deposit.State, deposit.SweepBlock));
        Assert.True(deposit.State.IsCredited());
    }

    [Fact]
    public void A_deposit_worth_less_than_one_nano_usd_is_not_credited()
    {
        var account = Guid.NewGuid();
        var now = DateTimeOffset.UnixEpoch.AddDays(20000);
        var deposit = Deposit.Record(Token.Icp.LedgerCanisterId!, Token.Icp, 8, 3, "x", account, DepositSubaccount.For(account), 10_001, 10_000, now).Value;
        Assert.True(deposit.Credit(0.000001m, 2m, now).Value.IsZero);
        Assert.Equal((DepositState.BelowFee, (long?)null), (deposit.State, deposit.CreditedNanoUsd));
    }
}
