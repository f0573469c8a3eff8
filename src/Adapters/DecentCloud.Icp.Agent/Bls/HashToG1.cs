using System.Numerics;
using System.Security.Cryptography;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// hash_to_curve for G1 as RFC 9380 defines the suite BLS12381G1_XMD:SHA-256_SSWU_RO_: expand_message_xmd with
/// SHA-256 to two field elements, the simplified SWU map onto the isogenous curve, the 11-isogeny, the sum,
/// and cofactor clearing by h_eff = 1 - x.
/// </summary>
internal static class HashToG1
{
    private const int FieldElementBytes = 64;
    private const int Sha256Bytes = 32;
    private const int Sha256BlockBytes = 64;

    private static readonly BigInteger CofactorMultiplier = G1.Hex("d201000000010001");
    private static readonly Fp Z = Fp.FromBigInteger(11);

    // x1 = -B/A · (1 + tv1), or B/(Z·A) when tv1 = 0: the quotients are constants.
    private static readonly Fp MinusBOverA = Fp.Neg(Fp.Mul(G1Isogeny.B, Fp.Inverse(G1Isogeny.A)));
    private static readonly Fp BOverZA = Fp.Mul(G1Isogeny.B, Fp.Inverse(Fp.Mul(Z, G1Isogeny.A)));

    public static JacobianPoint<Fp> Hash(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domainSeparationTag)
    {
        var uniform = ExpandMessageXmd(message, domainSeparationTag, 2 * FieldElementBytes);
        var u0 = Fp.FromBigInteger(new BigInteger(uniform.AsSpan(0, FieldElementBytes), isUnsigned: true, isBigEndian: true));
        var u1 = Fp.FromBigInteger(new BigInteger(uniform.AsSpan(FieldElementBytes), isUnsigned: true, isBigEndian: true));
        var q0 = MapToCurve(u0);
        var q1 = MapToCurve(u1);
        return q0.Add(q1).Multiply(CofactorMultiplier);
    }

    /// <summary>RFC 9380 §5.3.1 with SHA-256 (b = 32 bytes, block s = 64 bytes).</summary>
    public static byte[] ExpandMessageXmd(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domainSeparationTag, int length)
    {
        if (domainSeparationTag.Length > 255)
        {
            throw new ArgumentException("A domain separation tag is at most 255 bytes.", nameof(domainSeparationTag));
        }

        var blocks = (length + Sha256Bytes - 1) / Sha256Bytes;
        if (blocks > 255 || length > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(length), "expand_message_xmd produces at most 255 hash blocks.");
        }

        byte[] dstPrime = [.. domainSeparationTag, (byte)domainSeparationTag.Length];
        byte[] first = [.. new byte[Sha256BlockBytes], .. message, (byte)(length >> 8), (byte)length, 0, .. dstPrime];
        var b0 = SHA256.HashData(first);
        var output = new byte[blocks * Sha256Bytes];
        var previous = SHA256.HashData([.. b0, 1, .. dstPrime]);
        previous.CopyTo(output, 0);
        for (var i = 2; i <= blocks; i++)
        {
            var mixed = new byte[Sha256Bytes];
            for (var j = 0; j < Sha256Bytes; j++)
            {
                mixed[j] = (byte)(b0[j] ^ previous[j]);
            }

            previous = SHA256.HashData([.. mixed, (byte)i, .. dstPrime]);
            previous.CopyTo(output, (i - 1) * Sha256Bytes);
        }

        return output[..length];
    }

    /// <summary>map_to_curve_simple_swu (RFC 9380 §6.6.2) onto E1', then the isogeny to E1.</summary>
    internal static JacobianPoint<Fp> MapToCurve(in Fp u)
    {
        var a = G1Isogeny.A;
        var b = G1Isogeny.B;
        var zu2 = Fp.Mul(Z, Fp.Square(u));
        var tv1 = Fp.Inverse(Fp.Add(Fp.Square(zu2), zu2));
        var x1 = tv1.IsZero ? BOverZA : Fp.Mul(MinusBOverA, Fp.Add(Fp.One, tv1));
        var gx1 = Curve(x1, a, b);
        Fp x, y;
        if (Fp.TrySqrt(gx1, out var y1))
        {
            (x, y) = (x1, y1);
        }
        else
        {
            x = Fp.Mul(zu2, x1);
            Fp.TrySqrt(Curve(x, a, b), out y);
        }

        if (u.IsOdd != y.IsOdd)
        {
            y = Fp.Neg(y);
        }

        return G1Isogeny.Map(x, y);
    }

    private static Fp Curve(in Fp x, in Fp a, in Fp b) => Fp.Add(Fp.Mul(Fp.Add(Fp.Square(x), a), x), b);
}
