namespace DecentCloud.Icp.Agent.Bls;

/// <summary>Fp2 = Fp[u]/(u² + 1): the field of G2's coordinates.</summary>
internal readonly struct Fp2 : IField<Fp2>
{
    private static readonly Exponent SqrtExponent = new((Fp.Modulus - 3) / 4);
    private static readonly Exponent HalfExponent = new((Fp.Modulus - 1) / 2);

    public readonly Fp C0;
    public readonly Fp C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;

    public static Fp2 One { get; } = new(Fp.One, Fp.Zero);

    /// <summary>u + 1, the non-residue ξ that builds Fp6 (v³ = ξ) and twists G2's curve (b' = 4ξ).</summary>
    public static Fp2 NonResidue { get; } = new(Fp.One, Fp.One);

    public bool IsZero => C0.IsZero && C1.IsZero;

    /// <summary>ZCash serialisation: y is "larger" when its u-part is above (p-1)/2, or that part is 0 and its constant part is.</summary>
    public bool IsLexicographicallyLargest => C1.IsZero ? C0.IsLexicographicallyLargest : C1.IsLexicographicallyLargest;

    public static Fp2 Add(in Fp2 a, in Fp2 b) => new(Fp.Add(a.C0, b.C0), Fp.Add(a.C1, b.C1));

    public static Fp2 Sub(in Fp2 a, in Fp2 b) => new(Fp.Sub(a.C0, b.C0), Fp.Sub(a.C1, b.C1));

    public static Fp2 Neg(in Fp2 a) => new(Fp.Neg(a.C0), Fp.Neg(a.C1));

    public static Fp2 Double(in Fp2 a) => Add(a, a);

    /// <summary>Karatsuba: three base-field products instead of four.</summary>
    public static Fp2 Mul(in Fp2 a, in Fp2 b)
    {
        var t0 = Fp.Mul(a.C0, b.C0);
        var t1 = Fp.Mul(a.C1, b.C1);
        var cross = Fp.Mul(Fp.Add(a.C0, a.C1), Fp.Add(b.C0, b.C1));
        return new Fp2(Fp.Sub(t0, t1), Fp.Sub(Fp.Sub(cross, t0), t1));
    }

    /// <summary>(c0 + c1)(c0 - c1) + 2·c0·c1·u: two base-field products.</summary>
    public static Fp2 Square(in Fp2 a)
    {
        var real = Fp.Mul(Fp.Add(a.C0, a.C1), Fp.Sub(a.C0, a.C1));
        var imaginary = Fp.Mul(a.C0, a.C1);
        return new Fp2(real, Fp.Double(imaginary));
    }

    public static Fp2 MulByFp(in Fp2 a, in Fp b) => new(Fp.Mul(a.C0, b), Fp.Mul(a.C1, b));

    /// <summary>Multiplication by ξ = u + 1.</summary>
    public static Fp2 MulByNonResidue(in Fp2 a) => new(Fp.Sub(a.C0, a.C1), Fp.Add(a.C0, a.C1));

    /// <summary>The p-power Frobenius, which on Fp2 is conjugation.</summary>
    public static Fp2 Conjugate(in Fp2 a) => new(a.C0, Fp.Neg(a.C1));

    public static Fp2 Inverse(in Fp2 a)
    {
        var norm = Fp.Add(Fp.Square(a.C0), Fp.Square(a.C1));
        var inverseNorm = Fp.Inverse(norm);
        return new Fp2(Fp.Mul(a.C0, inverseNorm), Fp.Neg(Fp.Mul(a.C1, inverseNorm)));
    }

    /// <summary>
    /// A square root when one exists: the p ≡ 3 (mod 4) algorithm for quadratic extensions of Adj and
    /// Rodríguez-Henríquez ("Square root computation over even extension fields", algorithm 9).
    /// </summary>
    public static bool TrySqrt(in Fp2 a, out Fp2 root)
    {
        var a1 = SqrtExponent.Raise(a);
        var alpha = Mul(a1, Mul(a1, a));
        var x0 = Mul(a1, a);
        var minusOne = Neg(One);
        if (alpha.Equals(minusOne))
        {
            root = new Fp2(Fp.Neg(x0.C1), x0.C0);
        }
        else
        {
            var b = HalfExponent.Raise(Add(One, alpha));
            root = Mul(b, x0);
        }

        return Square(root).Equals(a);
    }

    public bool Equals(Fp2 other) => C0.Equals(other.C0) && C1.Equals(other.C1);

    public override bool Equals(object? obj) => obj is Fp2 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1);

    public override string ToString() => $"({C0}, {C1})";
}
