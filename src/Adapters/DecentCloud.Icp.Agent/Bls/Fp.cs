using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// An element of the BLS12-381 base field, kept in Montgomery form (a·2^384 mod p) in six 64-bit limbs so
/// a multiplication is one unrolled CIOS pass instead of a BigInteger product and division.
/// </summary>
internal readonly struct Fp : IField<Fp>
{
    private const ulong P0 = 0xb9feffffffffaaab;
    private const ulong P1 = 0x1eabfffeb153ffff;
    private const ulong P2 = 0x6730d2a0f6b0f624;
    private const ulong P3 = 0x64774b84f38512bf;
    private const ulong P4 = 0x4b1ba7b6434bacd7;
    private const ulong P5 = 0x1a0111ea397fe69a;

    // -p^-1 mod 2^64, the Montgomery reduction factor.
    private const ulong Inv = 0x89f3fffcfffcfffd;

    /// <summary>The field modulus p.</summary>
    public static readonly BigInteger Modulus = BigInteger.Parse(
        "01a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
        NumberStyles.HexNumber,
        CultureInfo.InvariantCulture);

    private static readonly Fp R2 = FromLimbs(BigInteger.ModPow(2, 768, Modulus));
    private static readonly Exponent SqrtExponent = new((Modulus + 1) / 4);
    private static readonly Exponent LegendreExponent = new((Modulus - 1) / 2);
    private static readonly Exponent InverseExponent = new(Modulus - 2);

    internal readonly ulong L0, L1, L2, L3, L4, L5;

    private Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
        L4 = l4;
        L5 = l5;
    }

    public static Fp Zero => default;

    public static Fp One { get; } = FromBigInteger(BigInteger.One);

    public bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;

    /// <summary>The element for an integer, reduced modulo p.</summary>
    public static Fp FromBigInteger(BigInteger value)
    {
        var reduced = BigInteger.Remainder(value, Modulus);
        if (reduced.Sign < 0)
        {
            reduced += Modulus;
        }

        return Mul(FromLimbs(reduced), R2);
    }

    /// <summary>Reads 48 big-endian bytes; null when the integer is not below p (non-canonical).</summary>
    public static Fp? FromCanonicalBytes(ReadOnlySpan<byte> bigEndian48)
    {
        var value = new BigInteger(bigEndian48, isUnsigned: true, isBigEndian: true);
        return value < Modulus ? FromBigInteger(value) : null;
    }

    public BigInteger ToBigInteger()
    {
        var plain = Mul(this, new Fp(1, 0, 0, 0, 0, 0));
        Span<byte> bytes = stackalloc byte[48];
        plain.WriteLimbs(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>The canonical 48-byte big-endian encoding.</summary>
    public void WriteBytes(Span<byte> bigEndian48)
    {
        var value = ToBigInteger();
        bigEndian48[..48].Clear();
        var length = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(bigEndian48.Slice(48 - length, length), out _, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Whether the canonical integer is odd (RFC 9380 sgn0 for a prime field).</summary>
    public bool IsOdd => !ToBigInteger().IsEven;

    /// <summary>Whether this is the larger of {y, -y} in the ZCash serialisation's sense.</summary>
    public bool IsLexicographicallyLargest => ToBigInteger() > (Modulus - 1) / 2;

    public static Fp Add(in Fp a, in Fp b)
    {
        var s0 = a.L0 + b.L0;
        var carry = s0 < a.L0 ? 1UL : 0UL;
        var s1 = a.L1 + b.L1;
        var carryNext = s1 < a.L1 ? 1UL : 0UL;
        s1 += carry;
        carry = carryNext | (s1 < carry ? 1UL : 0UL);
        var s2 = a.L2 + b.L2;
        carryNext = s2 < a.L2 ? 1UL : 0UL;
        s2 += carry;
        carry = carryNext | (s2 < carry ? 1UL : 0UL);
        var s3 = a.L3 + b.L3;
        carryNext = s3 < a.L3 ? 1UL : 0UL;
        s3 += carry;
        carry = carryNext | (s3 < carry ? 1UL : 0UL);
        var s4 = a.L4 + b.L4;
        carryNext = s4 < a.L4 ? 1UL : 0UL;
        s4 += carry;
        carry = carryNext | (s4 < carry ? 1UL : 0UL);
        var s5 = a.L5 + b.L5;
        s5 += carry;
        return Reduce(s0, s1, s2, s3, s4, s5);
    }

    public static Fp Sub(in Fp a, in Fp b)
    {
        var d0 = a.L0 - b.L0;
        var borrow = a.L0 < b.L0 ? 1UL : 0UL;
        var d1Raw = a.L1 - b.L1;
        var d1 = d1Raw - borrow;
        borrow = (a.L1 < b.L1 ? 1UL : 0UL) | (d1Raw < borrow ? 1UL : 0UL);
        var d2Raw = a.L2 - b.L2;
        var d2 = d2Raw - borrow;
        borrow = (a.L2 < b.L2 ? 1UL : 0UL) | (d2Raw < borrow ? 1UL : 0UL);
        var d3Raw = a.L3 - b.L3;
        var d3 = d3Raw - borrow;
        borrow = (a.L3 < b.L3 ? 1UL : 0UL) | (d3Raw < borrow ? 1UL : 0UL);
        var d4Raw = a.L4 - b.L4;
        var d4 = d4Raw - borrow;
        borrow = (a.L4 < b.L4 ? 1UL : 0UL) | (d4Raw < borrow ? 1UL : 0UL);
        var d5Raw = a.L5 - b.L5;
        var d5 = d5Raw - borrow;
        borrow = (a.L5 < b.L5 ? 1UL : 0UL) | (d5Raw < borrow ? 1UL : 0UL);
        if (borrow == 0)
        {
            return new Fp(d0, d1, d2, d3, d4, d5);
        }

        var r0 = d0 + P0;
        var carry = r0 < d0 ? 1UL : 0UL;
        var r1 = d1 + P1;
        var carryNext = r1 < d1 ? 1UL : 0UL;
        r1 += carry;
        carry = carryNext | (r1 < carry ? 1UL : 0UL);
        var r2 = d2 + P2;
        carryNext = r2 < d2 ? 1UL : 0UL;
        r2 += carry;
        carry = carryNext | (r2 < carry ? 1UL : 0UL);
        var r3 = d3 + P3;
        carryNext = r3 < d3 ? 1UL : 0UL;
        r3 += carry;
        carry = carryNext | (r3 < carry ? 1UL : 0UL);
        var r4 = d4 + P4;
        carryNext = r4 < d4 ? 1UL : 0UL;
        r4 += carry;
        carry = carryNext | (r4 < carry ? 1UL : 0UL);
        var r5 = d5 + P5;
        r5 += carry;
        return new Fp(r0, r1, r2, r3, r4, r5);
    }

    public static Fp Neg(in Fp a) => a.IsZero ? a : Sub(Zero, a);

    public static Fp Double(in Fp a) => Add(a, a);

    public static Fp Square(in Fp a) => Mul(a, a);

    /// <summary>Montgomery product a·b·2^-384 mod p ("no-carry" CIOS: valid because p's top limb is below 2^62).</summary>
    public static Fp Mul(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, carryA, carryC, m, hi, lo;
        hi = MulHigh(a.L0, b.L0);
        lo = a.L0 * b.L0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L0);
        lo = a.L1 * b.L0;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L0);
        lo = a.L2 * b.L0;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L0);
        lo = a.L3 * b.L0;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L0);
        lo = a.L4 * b.L0;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L0);
        lo = a.L5 * b.L0;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        hi = MulHigh(a.L0, b.L1);
        lo = a.L0 * b.L1;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L1);
        lo = a.L1 * b.L1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L1);
        lo = a.L2 * b.L1;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L1);
        lo = a.L3 * b.L1;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L1);
        lo = a.L4 * b.L1;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L1);
        lo = a.L5 * b.L1;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        hi = MulHigh(a.L0, b.L2);
        lo = a.L0 * b.L2;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L2);
        lo = a.L1 * b.L2;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L2);
        lo = a.L2 * b.L2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L2);
        lo = a.L3 * b.L2;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L2);
        lo = a.L4 * b.L2;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L2);
        lo = a.L5 * b.L2;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        hi = MulHigh(a.L0, b.L3);
        lo = a.L0 * b.L3;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L3);
        lo = a.L1 * b.L3;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L3);
        lo = a.L2 * b.L3;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L3);
        lo = a.L3 * b.L3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L3);
        lo = a.L4 * b.L3;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L3);
        lo = a.L5 * b.L3;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        hi = MulHigh(a.L0, b.L4);
        lo = a.L0 * b.L4;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L4);
        lo = a.L1 * b.L4;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L4);
        lo = a.L2 * b.L4;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L4);
        lo = a.L3 * b.L4;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L4);
        lo = a.L4 * b.L4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L4);
        lo = a.L5 * b.L4;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        hi = MulHigh(a.L0, b.L5);
        lo = a.L0 * b.L5;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        t0 = lo;
        carryA = hi;
        m = t0 * Inv;
        hi = MulHigh(m, P0);
        lo = m * P0;
        lo += t0;
        hi += lo < t0 ? 1UL : 0UL;
        carryC = hi;
        hi = MulHigh(a.L1, b.L5);
        lo = a.L1 * b.L5;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t1 = lo;
        carryA = hi;
        hi = MulHigh(m, P1);
        lo = m * P1;
        lo += t1;
        hi += lo < t1 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t0 = lo;
        carryC = hi;
        hi = MulHigh(a.L2, b.L5);
        lo = a.L2 * b.L5;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t2 = lo;
        carryA = hi;
        hi = MulHigh(m, P2);
        lo = m * P2;
        lo += t2;
        hi += lo < t2 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t1 = lo;
        carryC = hi;
        hi = MulHigh(a.L3, b.L5);
        lo = a.L3 * b.L5;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t3 = lo;
        carryA = hi;
        hi = MulHigh(m, P3);
        lo = m * P3;
        lo += t3;
        hi += lo < t3 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t2 = lo;
        carryC = hi;
        hi = MulHigh(a.L4, b.L5);
        lo = a.L4 * b.L5;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t4 = lo;
        carryA = hi;
        hi = MulHigh(m, P4);
        lo = m * P4;
        lo += t4;
        hi += lo < t4 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t3 = lo;
        carryC = hi;
        hi = MulHigh(a.L5, b.L5);
        lo = a.L5 * b.L5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryA;
        hi += lo < carryA ? 1UL : 0UL;
        t5 = lo;
        carryA = hi;
        hi = MulHigh(m, P5);
        lo = m * P5;
        lo += t5;
        hi += lo < t5 ? 1UL : 0UL;
        lo += carryC;
        hi += lo < carryC ? 1UL : 0UL;
        t4 = lo;
        carryC = hi;
        t5 = carryC + carryA;
        return Reduce(t0, t1, t2, t3, t4, t5);
    }

    /// <summary>a^-1 by Fermat; zero for zero (RFC 9380 inv0).</summary>
    public static Fp Inverse(in Fp a) => InverseExponent.Raise(a);

    public static bool IsSquare(in Fp a) => a.IsZero || LegendreExponent.Raise(a).Equals(One);

    /// <summary>A square root when one exists (p ≡ 3 mod 4, so a^((p+1)/4)).</summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = SqrtExponent.Raise(a);
        return Square(root).Equals(a);
    }

    public bool Equals(Fp other) =>
        L0 == other.L0 && L1 == other.L1 && L2 == other.L2 && L3 == other.L3 && L4 == other.L4 && L5 == other.L5;

    public override bool Equals(object? obj) => obj is Fp other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3, L4, L5);

    public override string ToString() => ToBigInteger().ToString("x", CultureInfo.InvariantCulture);

    private static Fp FromLimbs(BigInteger value)
    {
        Span<byte> bytes = stackalloc byte[48];
        bytes.Clear();
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return new Fp(
            BitConverter.ToUInt64(bytes[..8]),
            BitConverter.ToUInt64(bytes[8..16]),
            BitConverter.ToUInt64(bytes[16..24]),
            BitConverter.ToUInt64(bytes[24..32]),
            BitConverter.ToUInt64(bytes[32..40]),
            BitConverter.ToUInt64(bytes[40..48]));
    }

    private void WriteLimbs(Span<byte> littleEndian48)
    {
        BitConverter.TryWriteBytes(littleEndian48[..8], L0);
        BitConverter.TryWriteBytes(littleEndian48[8..16], L1);
        BitConverter.TryWriteBytes(littleEndian48[16..24], L2);
        BitConverter.TryWriteBytes(littleEndian48[24..32], L3);
        BitConverter.TryWriteBytes(littleEndian48[32..40], L4);
        BitConverter.TryWriteBytes(littleEndian48[40..48], L5);
    }

    /// <summary>Subtracts p once when the value (below 2p) is not below p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp Reduce(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        var r0 = l0 - P0;
        var borrow = l0 < P0 ? 1UL : 0UL;
        var r1Raw = l1 - P1;
        var r1 = r1Raw - borrow;
        borrow = (l1 < P1 ? 1UL : 0UL) | (r1Raw < borrow ? 1UL : 0UL);
        var r2Raw = l2 - P2;
        var r2 = r2Raw - borrow;
        borrow = (l2 < P2 ? 1UL : 0UL) | (r2Raw < borrow ? 1UL : 0UL);
        var r3Raw = l3 - P3;
        var r3 = r3Raw - borrow;
        borrow = (l3 < P3 ? 1UL : 0UL) | (r3Raw < borrow ? 1UL : 0UL);
        var r4Raw = l4 - P4;
        var r4 = r4Raw - borrow;
        borrow = (l4 < P4 ? 1UL : 0UL) | (r4Raw < borrow ? 1UL : 0UL);
        var r5Raw = l5 - P5;
        var r5 = r5Raw - borrow;
        borrow = (l5 < P5 ? 1UL : 0UL) | (r5Raw < borrow ? 1UL : 0UL);
        return borrow == 0 ? new Fp(r0, r1, r2, r3, r4, r5) : new Fp(l0, l1, l2, l3, l4, l5);
    }

    /// <summary>The high half of a 64×64-bit product; with BMI2 one instruction and no memory round trip for the low half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulHigh(ulong x, ulong y) =>
        Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(x, y) : Math.BigMul(x, y, out _);
}
