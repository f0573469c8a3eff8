using System.Globalization;
using System.Numerics;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>G1: the order-r subgroup of E(Fp): y² = x³ + 4. BLS min-sig signatures live here (48 bytes compressed).</summary>
internal static class G1
{
    public const int CompressedSize = 48;

    /// <summary>The prime order r of G1, G2 and the target group.</summary>
    public static readonly BigInteger Order = Hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");

    public static readonly Fp B = Fp.FromBigInteger(4);

    public static readonly JacobianPoint<Fp> Generator = JacobianPoint<Fp>.FromAffine(
        Fp.FromBigInteger(Hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb")),
        Fp.FromBigInteger(Hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1")));

    // x² for the curve parameter x = -0xd201000000010000.
    private static readonly BigInteger XSquared = BigInteger.Pow(Hex("d201000000010000"), 2);

    // β, a cube root of unity in Fp, chosen so that φ(x, y) = (βx, y) acts on G1 as multiplication by -x² (mod r).
    private static readonly Fp Beta = FindBeta();

    /// <summary>
    /// Membership in G1 by Scott's endomorphism test ("A note on group membership tests for G1, G2 and GT on
    /// BLS pairing-friendly curves", 2021): a point of E(Fp) is in G1 exactly when φ(P) = [-x²]P — a 128-bit
    /// multiplication instead of the 255-bit [r]P = O of <see cref="IsInSubgroupByOrder"/>.
    /// </summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp> point) =>
        point.IsOnCurve(B) && (point.IsInfinity || Endomorphism(point).Equals(point.Multiply(XSquared).Negate()));

    /// <summary>The definition of membership, [r]P = O.</summary>
    public static bool IsInSubgroupByOrder(in JacobianPoint<Fp> point) => point.IsOnCurve(B) && point.Multiply(Order).IsInfinity;

    /// <summary>Reads a compressed point (ZCash format); null when the bytes are not a point of G1.</summary>
    public static JacobianPoint<Fp>? Decompress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != CompressedSize || !CompressedEncoding.TryReadFlags(bytes, out var infinity, out var largest))
        {
            return null;
        }

        if (infinity)
        {
            return JacobianPoint<Fp>.Infinity;
        }

        Span<byte> xBytes = stackalloc byte[CompressedSize];
        bytes.CopyTo(xBytes);
        xBytes[0] &= 0x1f;
        if (Fp.FromCanonicalBytes(xBytes) is not { } x)
        {
            return null;
        }

        var y2 = Fp.Add(Fp.Mul(Fp.Square(x), x), B);
        if (!Fp.TrySqrt(y2, out var y))
        {
            return null;
        }

        if (y.IsLexicographicallyLargest != largest)
        {
            y = Fp.Neg(y);
        }

        var point = JacobianPoint<Fp>.FromAffine(x, y);
        return IsInSubgroup(point) ? point : null;
    }

    public static byte[] Compress(in JacobianPoint<Fp> point)
    {
        var bytes = new byte[CompressedSize];
        if (point.IsInfinity)
        {
            bytes[0] = CompressedEncoding.CompressedFlag | CompressedEncoding.InfinityFlag;
            return bytes;
        }

        var (x, y) = point.ToAffine();
        x.WriteBytes(bytes);
        bytes[0] |= CompressedEncoding.CompressedFlag;
        if (y.IsLexicographicallyLargest)
        {
            bytes[0] |= CompressedEncoding.LargestFlag;
        }

        return bytes;
    }

    private static JacobianPoint<Fp> Endomorphism(in JacobianPoint<Fp> point) => new(Fp.Mul(point.X, Beta), point.Y, point.Z);

    private static Fp FindBeta()
    {
        var cubeRoot = new Exponent((Fp.Modulus - 1) / 3);
        var omega = Fp.One;
        for (var g = 2; omega.Equals(Fp.One); g++)
        {
            omega = cubeRoot.Raise(Fp.FromBigInteger(g));
        }

        var expected = Generator.Multiply(XSquared).Negate();
        foreach (var candidate in new[] { omega, Fp.Square(omega) })
        {
            if (new JacobianPoint<Fp>(Fp.Mul(Generator.X, candidate), Generator.Y, Generator.Z).Equals(expected))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no cube root of unity acts as -x² on G1: the curve constants are wrong");
    }

    internal static BigInteger Hex(string digits) =>
        BigInteger.Parse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
