using System.Numerics;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>G2: the order-r subgroup of the twist E'(Fp2): y² = x³ + 4(u + 1). Public keys live here (96 bytes compressed).</summary>
internal static class G2
{
    public const int CompressedSize = 96;

    public static readonly Fp2 B = Fp2.MulByFp(Fp2.NonResidue, Fp.FromBigInteger(4));

    public static readonly JacobianPoint<Fp2> Generator = JacobianPoint<Fp2>.FromAffine(
        new Fp2(
            Fp.FromBigInteger(G1.Hex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8")),
            Fp.FromBigInteger(G1.Hex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"))),
        new Fp2(
            Fp.FromBigInteger(G1.Hex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801")),
            Fp.FromBigInteger(G1.Hex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"))));

    public static bool IsInSubgroup(in JacobianPoint<Fp2> point) => point.IsOnCurve(B) && point.Multiply(G1.Order).IsInfinity;

    /// <summary>Reads a compressed point (ZCash format: the u-coefficient of x first); null when not a point of G2.</summary>
    public static JacobianPoint<Fp2>? Decompress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != CompressedSize || !CompressedEncoding.TryReadFlags(bytes, out var infinity, out var largest))
        {
            return null;
        }

        if (infinity)
        {
            return JacobianPoint<Fp2>.Infinity;
        }

        Span<byte> c1Bytes = stackalloc byte[48];
        bytes[..48].CopyTo(c1Bytes);
        c1Bytes[0] &= 0x1f;
        if (Fp.FromCanonicalBytes(c1Bytes) is not { } c1 || Fp.FromCanonicalBytes(bytes[48..]) is not { } c0)
        {
            return null;
        }

        var x = new Fp2(c0, c1);
        var y2 = Fp2.Add(Fp2.Mul(Fp2.Square(x), x), B);
        if (!Fp2.TrySqrt(y2, out var y))
        {
            return null;
        }

        if (y.IsLexicographicallyLargest != largest)
        {
            y = Fp2.Neg(y);
        }

        var point = JacobianPoint<Fp2>.FromAffine(x, y);
        return IsInSubgroup(point) ? point : null;
    }

    public static byte[] Compress(in JacobianPoint<Fp2> point)
    {
        var bytes = new byte[CompressedSize];
        if (point.IsInfinity)
        {
            bytes[0] = CompressedEncoding.CompressedFlag | CompressedEncoding.InfinityFlag;
            return bytes;
        }

        var (x, y) = point.ToAffine();
        x.C1.WriteBytes(bytes.AsSpan(0, 48));
        x.C0.WriteBytes(bytes.AsSpan(48, 48));
        bytes[0] |= CompressedEncoding.CompressedFlag;
        if (y.IsLexicographicallyLargest)
        {
            bytes[0] |= CompressedEncoding.LargestFlag;
        }

        return bytes;
    }
}
