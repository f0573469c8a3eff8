using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

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
    private static readonly BigInteger SqrtExponent = (Modulus + 1) / 4;
    private static readonly BigInteger LegendreExponent = (Modulus - 1) / 2;

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
        ulong carry = 0;
        var l0 = AddWithCarry(a.L0, b.L0, ref carry);
        var l1 = AddWithCarry(a.L1, b.L1, ref carry);
        var l2 = AddWithCarry(a.L2, b.L2, ref carry);
        var l3 = AddWithCarry(a.L3, b.L3, ref carry);
        var l4 = AddWithCarry(a.L4, b.L4, ref carry);
        var l5 = AddWithCarry(a.L5, b.L5, ref carry);
        return Reduce(l0, l1, l2, l3, l4, l5);
    }

    public static Fp Sub(in Fp a, in Fp b)
    {
        ulong borrow = 0;
        var l0 = SubWithBorrow(a.L0, b.L0, ref borrow);
        var l1 = SubWithBorrow(a.L1, b.L1, ref borrow);
        var l2 = SubWithBorrow(a.L2, b.L2, ref borrow);
        var l3 = SubWithBorrow(a.L3, b.L3, ref borrow);
        var l4 = SubWithBorrow(a.L4, b.L4, ref borrow);
        var l5 = SubWithBorrow(a.L5, b.L5, ref borrow);
        if (borrow == 0)
        {
            return new Fp(l0, l1, l2, l3, l4, l5);
        }

        ulong carry = 0;
        l0 = AddWithCarry(l0, P0, ref carry);
        l1 = AddWithCarry(l1, P1, ref carry);
        l2 = AddWithCarry(l2, P2, ref carry);
        l3 = AddWithCarry(l3, P3, ref carry);
        l4 = AddWithCarry(l4, P4, ref carry);
        l5 = AddWithCarry(l5, P5, ref carry);
        return new Fp(l0, l1, l2, l3, l4, l5);
    }

    public static Fp Neg(in Fp a) => a.IsZero ? a : Sub(Zero, a);

    public static Fp Double(in Fp a) => Add(a, a);

    public static Fp Square(in Fp a) => Mul(a, a);

    /// <summary>Montgomery product a·b·2^-384 mod p ("no-carry" CIOS: valid because p's top limb is below 2^62).</summary>
    public static Fp Mul(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, carryA, carryC, m;
        carryA = MulAdd(a.L0, b.L0, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L0, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L0, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L0, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L0, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L0, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        carryA = MulAdd(a.L0, b.L1, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L1, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L1, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L1, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L1, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L1, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        carryA = MulAdd(a.L0, b.L2, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L2, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L2, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L2, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L2, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L2, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        carryA = MulAdd(a.L0, b.L3, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L3, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L3, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L3, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L3, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L3, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        carryA = MulAdd(a.L0, b.L4, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L4, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L4, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L4, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L4, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L4, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        carryA = MulAdd(a.L0, b.L5, t0, 0, out t0);
        m = t0 * Inv;
        carryC = MulAdd(m, P0, t0, 0, out _);
        carryA = MulAdd(a.L1, b.L5, t1, carryA, out t1);
        carryC = MulAdd(m, P1, t1, carryC, out t0);
        carryA = MulAdd(a.L2, b.L5, t2, carryA, out t2);
        carryC = MulAdd(m, P2, t2, carryC, out t1);
        carryA = MulAdd(a.L3, b.L5, t3, carryA, out t3);
        carryC = MulAdd(m, P3, t3, carryC, out t2);
        carryA = MulAdd(a.L4, b.L5, t4, carryA, out t4);
        carryC = MulAdd(m, P4, t4, carryC, out t3);
        carryA = MulAdd(a.L5, b.L5, t5, carryA, out t5);
        carryC = MulAdd(m, P5, t5, carryC, out t4);
        t5 = carryC + carryA;
        return Reduce(t0, t1, t2, t3, t4, t5);
    }

    public static Fp Pow(in Fp a, BigInteger exponent)
    {
        var result = One;
        for (var bit = (int)exponent.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Square(result);
            if (!(exponent >> bit).IsEven)
            {
                result = Mul(result, a);
            }
        }

        return result;
    }

    /// <summary>a^-1 by Fermat; zero for zero (RFC 9380 inv0).</summary>
    public static Fp Inverse(in Fp a) => Pow(a, Modulus - 2);

    public static bool IsSquare(in Fp a) => a.IsZero || Pow(a, LegendreExponent).Equals(One);

    /// <summary>A square root when one exists (p ≡ 3 mod 4, so a^((p+1)/4)).</summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = Pow(a, SqrtExponent);
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
        ulong borrow = 0;
        var r0 = SubWithBorrow(l0, P0, ref borrow);
        var r1 = SubWithBorrow(l1, P1, ref borrow);
        var r2 = SubWithBorrow(l2, P2, ref borrow);
        var r3 = SubWithBorrow(l3, P3, ref borrow);
        var r4 = SubWithBorrow(l4, P4, ref borrow);
        var r5 = SubWithBorrow(l5, P5, ref borrow);
        return borrow == 0 ? new Fp(r0, r1, r2, r3, r4, r5) : new Fp(l0, l1, l2, l3, l4, l5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong x, ulong y, ulong z, ulong w, out ulong low)
    {
        var high = Math.BigMul(x, y, out var product);
        product += z;
        high += product < z ? 1UL : 0UL;
        product += w;
        high += product < w ? 1UL : 0UL;
        low = product;
        return high;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        var sum = x + y;
        var carryOut = sum < x ? 1UL : 0UL;
        sum += carry;
        carryOut += sum < carry ? 1UL : 0UL;
        carry = carryOut;
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        var difference = x - y;
        var borrowOut = x < y ? 1UL : 0UL;
        var result = difference - borrow;
        borrowOut += difference < borrow ? 1UL : 0UL;
        borrow = borrowOut;
        return result;
    }
}
