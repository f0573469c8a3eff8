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

    // |x| for the curve parameter x = -0xd201000000010000.
    private static readonly BigInteger AbsoluteX = G1.Hex("d201000000010000");

    // ψ = untwist ∘ Frobenius ∘ twist: (x, y) ↦ (conj(x)·ξ^-((p-1)/3), conj(y)·ξ^-((p-1)/2)).
    private static readonly Fp2 PsiX = Fp2.Inverse(new Exponent((Fp.Modulus - 1) / 3).Raise(Fp2.NonResidue));
    private static readonly Fp2 PsiY = Fp2.Inverse(new Exponent((Fp.Modulus - 1) / 2).Raise(Fp2.NonResidue));

    // Checked once: if ψ did not act as [x] on the generator, the constants above would be wrong.
    private static readonly bool PsiActsAsX = Psi(Generator).Equals(Generator.Multiply(AbsoluteX).Negate())
        ? true
        : throw new InvalidOperationException("ψ does not act as [x] on G2: the curve constants are wrong");

    /// <summary>
    /// Membership in G2 by Scott's test ("A note on group membership tests for G1, G2 and GT on BLS
    /// pairing-friendly curves", 2021): a point of E'(Fp2) is in G2 exactly when ψ(Q) = [x]Q — a 64-bit
    /// multiplication instead of the 255-bit [r]Q = O of <see cref="IsInSubgroupByOrder"/>.
    /// </summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp2> point) =>
        PsiActsAsX && point.IsOnCurve(B) && (point.IsInfinity || Psi(point).Equals(point.Multiply(AbsoluteX).Negate()));

    /// <summary>The definition of membership, [r]Q = O.</summary>
    public static bool IsInSubgroupByOrder(in JacobianPoint<Fp2> point) => point.IsOnCurve(B) && point.Multiply(G1.Order).IsInfinity;

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

    /// <summary>ψ in Jacobian coordinates: conjugating Z keeps x = X/Z² and y = Y/Z³ consistent.</summary>
    private static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> point) =>
        new(Fp2.Mul(Fp2.Conjugate(point.X), PsiX), Fp2.Mul(Fp2.Conjugate(point.Y), PsiY), Fp2.Conjugate(point.Z));

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
