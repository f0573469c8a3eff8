using System.Numerics;
using DecentCloud.Icp.Agent.Bls;

namespace DecentCloud.Icp.Agent.Tests.Bls;

public class FieldTests
{
    private static readonly BigInteger P = Fp.Modulus;

    [Fact]
    public void Montgomery_arithmetic_agrees_with_BigInteger_on_random_and_edge_values()
    {
        var random = new Random(381);
        BigInteger[] edges = [0, 1, 2, P - 1, P - 2, (P - 1) / 2, BigInteger.Pow(2, 320), BigInteger.Pow(2, 380)];
        var values = edges.Concat(Enumerable.Range(0, 300).Select(_ => RandomBelow(random, P))).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var a = values[i];
            var b = values[(i * 7 + 3) % values.Length];
            var fa = Fp.FromBigInteger(a);
            var fb = Fp.FromBigInteger(b);
            Assert.Equal(a, fa.ToBigInteger());
            Assert.Equal((a * b) % P, Fp.Mul(fa, fb).ToBigInteger());
            Assert.Equal((a + b) % P, Fp.Add(fa, fb).ToBigInteger());
            Assert.Equal(((a - b) % P + P) % P, Fp.Sub(fa, fb).ToBigInteger());
            Assert.Equal((P - a) % P, Fp.Neg(fa).ToBigInteger());
            if (!a.IsZero)
            {
                Assert.Equal(BigInteger.One, Fp.Mul(fa, Fp.Inverse(fa)).ToBigInteger());
            }
        }
    }

    [Fact]
    public void Square_roots_exist_exactly_for_squares_in_Fp_and_Fp2()
    {
        var random = new Random(2);
        for (var i = 0; i < 50; i++)
        {
            var a = Fp.FromBigInteger(RandomBelow(random, P));
            var square = Fp.Square(a);
            Assert.True(Fp.TrySqrt(square, out var root));
            Assert.Equal(square, Fp.Square(root));
            Assert.Equal(Fp.IsSquare(a), Fp.TrySqrt(a, out _));

            var b = new Fp2(a, Fp.FromBigInteger(RandomBelow(random, P)));
            var square2 = Fp2.Square(b);
            Assert.Equal(Fp2.Mul(b, b), square2);
            Assert.True(Fp2.TrySqrt(square2, out var root2));
            Assert.Equal(square2, Fp2.Square(root2));
        }

        // -1 is not a square in Fp (p ≡ 3 mod 4) but is one in Fp2 (u² = -1).
        Assert.False(Fp.TrySqrt(Fp.Neg(Fp.One), out _));
        Assert.True(Fp2.TrySqrt(Fp2.Neg(Fp2.One), out var i2));
        Assert.Equal(Fp2.Neg(Fp2.One), Fp2.Square(i2));
    }

    [Fact]
    public void Tower_inverses_squares_and_frobenius_are_consistent()
    {
        var random = new Random(12);
        for (var i = 0; i < 10; i++)
        {
            var a = RandomFp12(random);
            var b = RandomFp12(random);
            Assert.Equal(Fp12.One, Fp12.Mul(a, Fp12.Inverse(a)));
            Assert.Equal(Fp12.Mul(a, a), Fp12.Square(a));
            Assert.Equal(Fp12.Mul(Fp12.Mul(a, b), a), Fp12.Mul(a, Fp12.Mul(b, a)));

            // Frobenius is the p-th power map: a ring homomorphism, and of order 12.
            Assert.Equal(Fp12.Frobenius(Fp12.Mul(a, b)), Fp12.Mul(Fp12.Frobenius(a), Fp12.Frobenius(b)));
            var twelve = a;
            for (var k = 0; k < 12; k++)
            {
                twelve = Fp12.Frobenius(twelve);
            }

            Assert.Equal(a, twelve);
        }

        var x = RandomFp12(new Random(5));
        Assert.Equal(Fp12.Pow(x, P), Fp12.Frobenius(x));
    }

    [Fact]
    public void Cyclotomic_squaring_equals_squaring_in_the_cyclotomic_subgroup()
    {
        var random = new Random(6);
        for (var i = 0; i < 10; i++)
        {
            var f = RandomFp12(random);

            // f^((p⁶-1)(p²+1)) lies in the cyclotomic subgroup.
            var g = Fp12.Mul(Fp12.Conjugate(f), Fp12.Inverse(f));
            g = Fp12.Mul(Fp12.Frobenius(Fp12.Frobenius(g)), g);
            Assert.Equal(Fp12.Square(g), Fp12.CyclotomicSquare(g));
            Assert.NotEqual(Fp12.Square(f), Fp12.CyclotomicSquare(f));
        }
    }

    [Fact]
    public void The_final_exponentiation_identity_holds_for_the_curve_parameter()
    {
        var x = -BigInteger.Parse("0d201000000010000", System.Globalization.NumberStyles.HexNumber, null);
        var r = G1.Order;
        Assert.Equal(BigInteger.Pow(x, 4) - BigInteger.Pow(x, 2) + 1, r);
        var hard = BigInteger.Pow(P, 4) - BigInteger.Pow(P, 2) + 1;
        Assert.True((hard % r).IsZero);
        var decomposition = BigInteger.Pow(x - 1, 2) * (x + P) * (x * x + P * P - 1) + 3;
        Assert.Equal(3 * (hard / r), decomposition);
    }

    internal static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[bound.GetByteCount(isUnsigned: true) + 8];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % bound;
    }

    private static Fp12 RandomFp12(Random random)
    {
        Fp2 Next() => new(Fp.FromBigInteger(RandomBelow(random, P)), Fp.FromBigInteger(RandomBelow(random, P)));
        return new Fp12(new Fp6(Next(), Next(), Next()), new Fp6(Next(), Next(), Next()));
    }
}
