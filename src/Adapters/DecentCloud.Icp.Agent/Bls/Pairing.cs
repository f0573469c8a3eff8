namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// The optimal ate pairing of BLS12-381 as a product check: Π e(Pᵢ, Qᵢ) == 1, sharing one Miller loop's squarings
/// and one final exponentiation. The result is the product raised to a fixed power 3 (see
/// <see cref="FinalExponentiation"/>), which is 1 exactly when the product is 1.
/// </summary>
internal static class Pairing
{
    public static bool ProductIsOne(ReadOnlySpan<(JacobianPoint<Fp> P, G2Prepared Q)> pairs) =>
        FinalExponentiation(MillerLoop(pairs)).IsOne;

    /// <summary>e(P, Q) (cubed): exposed for the bilinearity tests.</summary>
    public static Fp12 Pair(in JacobianPoint<Fp> p, in JacobianPoint<Fp2> q) =>
        FinalExponentiation(MillerLoop([(p, G2Prepared.From(q))]));

    public static Fp12 MillerLoop(ReadOnlySpan<(JacobianPoint<Fp> P, G2Prepared Q)> pairs)
    {
        var ps = new List<(Fp X, Fp Y)>(pairs.Length);
        var qs = new List<LineCoefficients[]>(pairs.Length);
        foreach (var (p, q) in pairs)
        {
            // e(O, Q) = e(P, O) = 1: such a pair contributes nothing.
            if (!p.IsInfinity && q.Lines.Length > 0)
            {
                ps.Add(p.ToAffine());
                qs.Add(q.Lines);
            }
        }

        var f = Fp12.One;
        var lines = new Line[ps.Count];
        var step = 0;
        for (var bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            f = MulByLines(f, lines, Evaluate(qs, ps, step++, lines));
            if (((G2Prepared.LoopParameter >> bit) & 1) == 1)
            {
                f = MulByLines(f, lines, Evaluate(qs, ps, step++, lines));
            }
        }

        // x < 0: f_{-|x|} = 1/f_{|x|}, and after the final exponentiation the inverse is the conjugate.
        return Fp12.Conjugate(f);
    }

    /// <summary>
    /// f^((p¹²-1)/r · 3). The easy part is f^((p⁶-1)(p²+1)); the hard part uses the identity
    /// 3(p⁴ - p² + 1)/r = (x - 1)²(x + p)(x² + p² - 1) + 3, so it needs only powers by x and Frobenius maps.
    /// </summary>
    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        var easy = Fp12.Mul(Fp12.Conjugate(f), Fp12.Inverse(f));
        easy = Fp12.Mul(Fp12.Frobenius(Fp12.Frobenius(easy)), easy);

        var a = Fp12.Mul(PowX(easy), Fp12.Conjugate(easy));
        var b = Fp12.Mul(PowX(a), Fp12.Conjugate(a));
        var c = Fp12.Mul(PowX(b), Fp12.Frobenius(b));
        var d = Fp12.Mul(Fp12.Mul(PowX(PowX(c)), Fp12.Frobenius(Fp12.Frobenius(c))), Fp12.Conjugate(c));
        return Fp12.Mul(d, Fp12.Mul(Fp12.Square(easy), easy));
    }

    /// <summary>g^x for g in the cyclotomic subgroup (where the inverse is the conjugate), x negative.</summary>
    private static Fp12 PowX(in Fp12 g)
    {
        var result = g;
        for (var bit = 62; bit >= 0; bit--)
        {
            result = Fp12.CyclotomicSquare(result);
            if (((G2Prepared.LoopParameter >> bit) & 1) == 1)
            {
                result = Fp12.Mul(result, g);
            }
        }

        return Fp12.Conjugate(result);
    }

    private static int Evaluate(List<LineCoefficients[]> qs, List<(Fp X, Fp Y)> ps, int step, Line[] lines)
    {
        for (var i = 0; i < ps.Count; i++)
        {
            var c = qs[i][step];
            lines[i] = new Line(c.Constant, Fp2.MulByFp(c.XCoefficient, ps[i].X), Fp2.MulByFp(c.YCoefficient, ps[i].Y));
        }

        return ps.Count;
    }

    /// <summary>f times all lines, multiplying the sparse lines with each other two at a time first (8 Fp2 products) so f is multiplied once per pair of lines.</summary>
    private static Fp12 MulByLines(in Fp12 f, Line[] lines, int count)
    {
        var result = f;
        var i = 0;
        for (; i + 1 < count; i += 2)
        {
            result = Fp12.Mul(result, Line.Product(lines[i], lines[i + 1]));
        }

        return i < count ? Fp12.Mul(result, lines[i].ToFp12()) : result;
    }

    /// <summary>A line value (A + B·v) + (C·v)·w: three of Fp12's six Fp2 coefficients.</summary>
    private readonly record struct Line(Fp2 A, Fp2 B, Fp2 C)
    {
        public Fp12 ToFp12() => new(new Fp6(A, B, Fp2.Zero), new Fp6(Fp2.Zero, C, Fp2.Zero));

        /// <summary>
        /// (a + bv + cv·w)(d + ev + gv·w) = (ad + ξcg) + (ae + bd)v + be·v² + ((ag + cd)v + (bg + ce)v²)·w, using w² = v, v³ = ξ.
        /// </summary>
        public static Fp12 Product(in Line l, in Line m)
        {
            var ad = Fp2.Mul(l.A, m.A);
            var be = Fp2.Mul(l.B, m.B);
            var aeBd = Fp2.Sub(Fp2.Sub(Fp2.Mul(Fp2.Add(l.A, l.B), Fp2.Add(m.A, m.B)), ad), be);
            var c0 = new Fp6(Fp2.Add(ad, Fp2.MulByNonResidue(Fp2.Mul(l.C, m.C))), aeBd, be);
            var c1 = new Fp6(
                Fp2.Zero,
                Fp2.Add(Fp2.Mul(l.A, m.C), Fp2.Mul(l.C, m.A)),
                Fp2.Add(Fp2.Mul(l.B, m.C), Fp2.Mul(l.C, m.B)));
            return new Fp12(c0, c1);
        }
    }
}
