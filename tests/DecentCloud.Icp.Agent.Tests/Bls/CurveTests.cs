using System.Numerics;
using DecentCloud.Icp.Agent.Bls;

namespace DecentCloud.Icp.Agent.Tests.Bls;

public class CurveTests
{
    [Fact]
    public void The_generators_are_on_their_curves_and_of_order_r()
    {
        Assert.True(G1.Generator.IsOnCurve(G1.B));
        Assert.True(G2.Generator.IsOnCurve(G2.B));
        Assert.True(G1.IsInSubgroup(G1.Generator));
        Assert.True(G2.IsInSubgroup(G2.Generator));
        Assert.False(G1.Generator.Multiply(G1.Order - 1).IsInfinity);
    }

    [Fact]
    public void Group_laws_hold()
    {
        var g = G1.Generator;
        Assert.Equal(g.Double(), g.Add(g));
        Assert.Equal(g.Multiply(5), g.Double().Double().Add(g));
        Assert.Equal(g.Multiply(7).Add(g.Multiply(11)), g.Multiply(18));
        Assert.True(g.Add(g.Negate()).IsInfinity);
        var h = G2.Generator;
        Assert.Equal(h.Multiply(3).Add(h.Multiply(4)), h.Multiply(7));
        Assert.Equal(h.Multiply(G1.Order - 1), h.Negate());
    }

    [Fact]
    public void Compression_round_trips_and_matches_the_well_known_generator_encodings()
    {
        // The compressed generators as every BLS12-381 library (ZCash serialisation) writes them.
        Assert.Equal(
            "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb",
            Convert.ToHexStringLower(G1.Compress(G1.Generator)));
        Assert.Equal(
            "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
            + "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8",
            Convert.ToHexStringLower(G2.Compress(G2.Generator)));

        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var k = FieldTests.RandomBelow(random, G1.Order);
            var p = G1.Generator.Multiply(k);
            var q = G2.Generator.Multiply(k);
            Assert.Equal(p, G1.Decompress(G1.Compress(p)));
            Assert.Equal(q, G2.Decompress(G2.Compress(q)));
            Assert.Equal(p.Negate(), G1.Decompress(G1.Compress(p.Negate())));
        }

        Assert.True(G1.Decompress(G1.Compress(JacobianPoint<Fp>.Infinity))!.Value.IsInfinity);
    }

    [Fact]
    public void Malformed_encodings_and_points_outside_the_subgroup_are_refused()
    {
        var good = G1.Compress(G1.Generator);
        var uncompressed = (byte[])good.Clone();
        uncompressed[0] &= 0x7f;
        Assert.Null(G1.Decompress(uncompressed));
        Assert.Null(G1.Decompress(good.AsSpan(0, 47)));

        var nonCanonical = new byte[48];
        Fp.Modulus.TryWriteBytes(nonCanonical, out _, isUnsigned: true, isBigEndian: true);
        nonCanonical[0] |= 0x80;
        Assert.Null(G1.Decompress(nonCanonical));

        var dirtyInfinity = new byte[48];
        dirtyInfinity[0] = 0xc0;
        dirtyInfinity[47] = 1;
        Assert.Null(G1.Decompress(dirtyInfinity));

        // x with x³ + 4 a square but the point outside G1 (E(Fp) has cofactor h ≠ 1): found by search.
        var outside = FirstPointOutsideG1();
        Assert.True(outside.IsOnCurve(G1.B));
        Assert.False(G1.IsInSubgroup(outside));
        Assert.Null(G1.Decompress(G1.Compress(outside)));
    }

    [Fact]
    public void The_endomorphism_subgroup_test_agrees_with_the_order_test()
    {
        // Points of E(Fp) outside G1: images of the SSWU map and isogeny before cofactor clearing.
        var random = new Random(4);
        var outside = 0;
        for (var i = 0; i < 40; i++)
        {
            var point = HashToG1.MapToCurve(Fp.FromBigInteger(FieldTests.RandomBelow(random, Fp.Modulus)));
            var inside = G1.Generator.Multiply(FieldTests.RandomBelow(random, G1.Order));
            Assert.Equal(G1.IsInSubgroupByOrder(point), G1.IsInSubgroup(point));
            Assert.True(G1.IsInSubgroup(inside));
            outside += G1.IsInSubgroupByOrder(point) ? 0 : 1;
        }

        Assert.True(outside > 30);
    }

    [Fact]
    public void The_psi_subgroup_test_agrees_with_the_order_test_on_the_twist()
    {
        var random = new Random(11);
        var outside = 0;
        for (var found = 0; found < 12;)
        {
            var x = new Fp2(Fp.FromBigInteger(FieldTests.RandomBelow(random, Fp.Modulus)), Fp.FromBigInteger(FieldTests.RandomBelow(random, Fp.Modulus)));
            if (!Fp2.TrySqrt(Fp2.Add(Fp2.Mul(Fp2.Square(x), x), G2.B), out var y))
            {
                continue;
            }

            found++;
            var point = JacobianPoint<Fp2>.FromAffine(x, y);
            Assert.Equal(G2.IsInSubgroupByOrder(point), G2.IsInSubgroup(point));
            outside += G2.IsInSubgroupByOrder(point) ? 0 : 1;
            Assert.True(G2.IsInSubgroup(G2.Generator.Multiply(FieldTests.RandomBelow(random, G1.Order))));
        }

        Assert.Equal(12, outside);
    }

    [Fact]
    public void The_pairing_is_bilinear_and_non_degenerate()
    {
        var random = new Random(9);
        var a = FieldTests.RandomBelow(random, G1.Order);
        var b = FieldTests.RandomBelow(random, G1.Order);
        var e = Pairing.Pair(G1.Generator, G2.Generator);
        Assert.False(e.IsOne);
        Assert.True(Fp12.Pow(e, G1.Order).IsOne);
        Assert.Equal(Fp12.Pow(e, a * b % G1.Order), Pairing.Pair(G1.Generator.Multiply(a), G2.Generator.Multiply(b)));
        Assert.Equal(
            Pairing.Pair(G1.Generator.Multiply(a), G2.Generator),
            Pairing.Pair(G1.Generator, G2.Generator.Multiply(a)));
        Assert.True(Pairing.ProductIsOne([(G1.Generator.Multiply(a).Negate(), G2Prepared.Generator), (G1.Generator, G2Prepared.From(G2.Generator.Multiply(a)))]));
        Assert.True(Pairing.Pair(JacobianPoint<Fp>.Infinity, G2.Generator).IsOne);
    }

    private static JacobianPoint<Fp> FirstPointOutsideG1()
    {
        for (var x = 1; ; x++)
        {
            var fx = Fp.FromBigInteger(x);
            if (Fp.TrySqrt(Fp.Add(Fp.Mul(Fp.Square(fx), fx), G1.B), out var y))
            {
                var point = JacobianPoint<Fp>.FromAffine(fx, y);
                if (!point.Multiply(G1.Order).IsInfinity)
                {
                    return point;
                }
            }
        }
    }
}
