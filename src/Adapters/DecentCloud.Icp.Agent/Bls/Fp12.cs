using System.Numerics;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>Fp12 = Fp6[w]/(w² - v): the pairing's target field. w⁶ = ξ, so w^i is the basis used by the Frobenius map.</summary>
internal readonly struct Fp12 : IEquatable<Fp12>
{
    // γ_i = ξ^(i(p-1)/6): (a·w^i)^p = conj(a)·γ_i·w^i. Computed rather than transcribed so no constant can be mistyped.
    private static readonly Fp2[] FrobeniusCoefficients = ComputeFrobeniusCoefficients();

    public readonly Fp6 C0;
    public readonly Fp6 C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One { get; } = new(Fp6.One, Fp6.Zero);

    public bool IsOne => Equals(One);

    public static Fp12 Mul(in Fp12 a, in Fp12 b)
    {
        var t0 = Fp6.Mul(a.C0, b.C0);
        var t1 = Fp6.Mul(a.C1, b.C1);
        var c1 = Fp6.Sub(Fp6.Sub(Fp6.Mul(Fp6.Add(a.C0, a.C1), Fp6.Add(b.C0, b.C1)), t0), t1);
        return new Fp12(Fp6.Add(t0, Fp6.MulByV(t1)), c1);
    }

    /// <summary>(c0 + c1·w)² with two Fp6 products: c0² + c1²·v = (c0 + c1)(c0 + c1·v) - c0c1 - c0c1·v.</summary>
    public static Fp12 Square(in Fp12 a)
    {
        var product = Fp6.Mul(a.C0, a.C1);
        var mixed = Fp6.Mul(Fp6.Add(a.C0, a.C1), Fp6.Add(a.C0, Fp6.MulByV(a.C1)));
        var c0 = Fp6.Sub(Fp6.Sub(mixed, product), Fp6.MulByV(product));
        return new Fp12(c0, Fp6.Add(product, product));
    }

    /// <summary>
    /// Squaring for elements of the cyclotomic subgroup (everything after the easy part of the final
    /// exponentiation), by Granger and Scott: viewing Fp12 as Fp4[t]/(t³ - s) with s = w³ and t = w,
    /// f = A + B·t + C·t² squares to (3A² - 2Ā) + (3s·C² + 2B̄)·t + (3B² - 2C̄)·t², three Fp4 squarings.
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 f)
    {
        // A = (w⁰, w³), B = (w¹, w⁴), C = (w², w⁵) in the w-basis.
        var (a0, a3) = Fp4Square(f.C0.C0, f.C1.C1);
        var (b0, b1) = Fp4Square(f.C1.C0, f.C0.C2);
        var (c0, c1) = Fp4Square(f.C0.C1, f.C1.C2);
        var sc = Fp2.MulByNonResidue(c1);
        return new Fp12(
            new Fp6(ThriceMinusTwice(a0, f.C0.C0), ThriceMinusTwice(b0, f.C0.C1), ThriceMinusTwice(c0, f.C0.C2)),
            new Fp6(ThricePlusTwice(sc, f.C1.C0), ThricePlusTwice(a3, f.C1.C1), ThricePlusTwice(b1, f.C1.C2)));
    }

    /// <summary>The p⁶-power Frobenius; the inverse for elements of the cyclotomic subgroup.</summary>
    public static Fp12 Conjugate(in Fp12 a) => new(a.C0, Fp6.Neg(a.C1));

    public static Fp12 Inverse(in Fp12 a)
    {
        // (c0 + c1w)(c0 - c1w) = c0² - c1²·v lies in Fp6.
        var norm = Fp6.Sub(Fp6.Square(a.C0), Fp6.MulByV(Fp6.Square(a.C1)));
        var inverse = Fp6.Inverse(norm);
        return new Fp12(Fp6.Mul(a.C0, inverse), Fp6.Neg(Fp6.Mul(a.C1, inverse)));
    }

    /// <summary>The p-power Frobenius map.</summary>
    public static Fp12 Frobenius(in Fp12 a)
    {
        var g = FrobeniusCoefficients;
        return new Fp12(
            new Fp6(
                Fp2.Conjugate(a.C0.C0),
                Fp2.Mul(Fp2.Conjugate(a.C0.C1), g[2]),
                Fp2.Mul(Fp2.Conjugate(a.C0.C2), g[4])),
            new Fp6(
                Fp2.Mul(Fp2.Conjugate(a.C1.C0), g[1]),
                Fp2.Mul(Fp2.Conjugate(a.C1.C1), g[3]),
                Fp2.Mul(Fp2.Conjugate(a.C1.C2), g[5])));
    }

    // (x + y·s)² with s² = ξ.
    private static (Fp2 X, Fp2 Y) Fp4Square(in Fp2 x, in Fp2 y)
    {
        var xx = Fp2.Square(x);
        var yy = Fp2.Square(y);
        var cross = Fp2.Sub(Fp2.Sub(Fp2.Square(Fp2.Add(x, y)), xx), yy);
        return (Fp2.Add(xx, Fp2.MulByNonResidue(yy)), cross);
    }

    private static Fp2 ThriceMinusTwice(in Fp2 square, in Fp2 original) =>
        Fp2.Add(Fp2.Double(Fp2.Sub(square, original)), square);

    private static Fp2 ThricePlusTwice(in Fp2 square, in Fp2 original) =>
        Fp2.Add(Fp2.Double(Fp2.Add(square, original)), square);

    public static Fp12 Pow(in Fp12 a, BigInteger exponent)
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

    public bool Equals(Fp12 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    public override bool Equals(object? obj) => obj is Fp12 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    private static Fp2[] ComputeFrobeniusCoefficients()
    {
        var gamma1 = new Exponent((Fp.Modulus - 1) / 6).Raise(Fp2.NonResidue);
        var coefficients = new Fp2[6];
        coefficients[0] = Fp2.One;
        for (var i = 1; i < 6; i++)
        {
            coefficients[i] = Fp2.Mul(coefficients[i - 1], gamma1);
        }

        return coefficients;
    }
}
