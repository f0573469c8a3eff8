namespace DecentCloud.Icp.Agent.Bls;

/// <summary>Fp6 = Fp2[v]/(v³ - ξ), the middle floor of the pairing's tower.</summary>
internal readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;

    public static Fp6 One { get; } = new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 Add(in Fp6 a, in Fp6 b) => new(Fp2.Add(a.C0, b.C0), Fp2.Add(a.C1, b.C1), Fp2.Add(a.C2, b.C2));

    public static Fp6 Sub(in Fp6 a, in Fp6 b) => new(Fp2.Sub(a.C0, b.C0), Fp2.Sub(a.C1, b.C1), Fp2.Sub(a.C2, b.C2));

    public static Fp6 Neg(in Fp6 a) => new(Fp2.Neg(a.C0), Fp2.Neg(a.C1), Fp2.Neg(a.C2));

    /// <summary>Karatsuba over the three coefficients: six Fp2 products.</summary>
    public static Fp6 Mul(in Fp6 a, in Fp6 b)
    {
        var t0 = Fp2.Mul(a.C0, b.C0);
        var t1 = Fp2.Mul(a.C1, b.C1);
        var t2 = Fp2.Mul(a.C2, b.C2);
        var c0 = Fp2.Add(
            Fp2.MulByNonResidue(Fp2.Sub(Fp2.Sub(Fp2.Mul(Fp2.Add(a.C1, a.C2), Fp2.Add(b.C1, b.C2)), t1), t2)),
            t0);
        var c1 = Fp2.Add(
            Fp2.Sub(Fp2.Sub(Fp2.Mul(Fp2.Add(a.C0, a.C1), Fp2.Add(b.C0, b.C1)), t0), t1),
            Fp2.MulByNonResidue(t2));
        var c2 = Fp2.Add(Fp2.Sub(Fp2.Sub(Fp2.Mul(Fp2.Add(a.C0, a.C2), Fp2.Add(b.C0, b.C2)), t0), t2), t1);
        return new Fp6(c0, c1, c2);
    }

    public static Fp6 Square(in Fp6 a) => Mul(a, a);

    /// <summary>Multiplication by v: (c0, c1, c2)·v = (ξ·c2, c0, c1).</summary>
    public static Fp6 MulByV(in Fp6 a) => new(Fp2.MulByNonResidue(a.C2), a.C0, a.C1);

    public static Fp6 MulByFp2(in Fp6 a, in Fp2 b) => new(Fp2.Mul(a.C0, b), Fp2.Mul(a.C1, b), Fp2.Mul(a.C2, b));

    public static Fp6 Inverse(in Fp6 a)
    {
        var t0 = Fp2.Sub(Fp2.Square(a.C0), Fp2.MulByNonResidue(Fp2.Mul(a.C1, a.C2)));
        var t1 = Fp2.Sub(Fp2.MulByNonResidue(Fp2.Square(a.C2)), Fp2.Mul(a.C0, a.C1));
        var t2 = Fp2.Sub(Fp2.Square(a.C1), Fp2.Mul(a.C0, a.C2));
        var determinant = Fp2.Add(
            Fp2.Mul(a.C0, t0),
            Fp2.MulByNonResidue(Fp2.Add(Fp2.Mul(a.C2, t1), Fp2.Mul(a.C1, t2))));
        var inverse = Fp2.Inverse(determinant);
        return new Fp6(Fp2.Mul(t0, inverse), Fp2.Mul(t1, inverse), Fp2.Mul(t2, inverse));
    }

    public bool Equals(Fp6 other) => C0.Equals(other.C0) && C1.Equals(other.C1) && C2.Equals(other.C2);

    public override bool Equals(object? obj) => obj is Fp6 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
