namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// The optimal ate pairing of BLS12-381 as a product check: Π e(Pᵢ, Qᵢ) == 1, sharing one Miller loop's squarings
/// and one final exponentiation. The result is the product raised to a fixed power 3 (see
/// <see cref="FinalExponentiation"/>), which is 1 exactly when the product is 1.
/// </summary>
internal static class Pairing
{
    // |x| for the curve parameter x = -0xd201000000010000.
    private const ulong X = 0xd201000000010000;

    public static bool ProductIsOne(ReadOnlySpan<(JacobianPoint<Fp> P, JacobianPoint<Fp2> Q)> pairs) =>
        FinalExponentiation(MillerLoop(pairs)).IsOne;

    /// <summary>e(P, Q) (cubed): exposed for the bilinearity tests.</summary>
    public static Fp12 Pair(in JacobianPoint<Fp> p, in JacobianPoint<Fp2> q) =>
        FinalExponentiation(MillerLoop([(p, q)]));

    public static Fp12 MillerLoop(ReadOnlySpan<(JacobianPoint<Fp> P, JacobianPoint<Fp2> Q)> pairs)
    {
        var count = pairs.Length;
        var ps = new (Fp X, Fp Y)[count];
        var qs = new (Fp2 X, Fp2 Y)[count];
        var ts = new JacobianPoint<Fp2>[count];
        var live = 0;
        foreach (var (p, q) in pairs)
        {
            // e(O, Q) = e(P, O) = 1: such a pair contributes nothing.
            if (p.IsInfinity || q.IsInfinity)
            {
                continue;
            }

            ps[live] = p.ToAffine();
            qs[live] = q.ToAffine();
            ts[live] = JacobianPoint<Fp2>.FromAffine(qs[live].X, qs[live].Y);
            live++;
        }

        var f = Fp12.One;
        var lines = new Line[live];
        for (var bit = 62; bit >= 0; bit--)
        {
            f = Fp12.Square(f);
            for (var i = 0; i < live; i++)
            {
                lines[i] = DoublingStep(ref ts[i], ps[i]);
            }

            f = MulByLines(f, lines, live);
            if (((X >> bit) & 1) == 1)
            {
                for (var i = 0; i < live; i++)
                {
                    lines[i] = AdditionStep(ref ts[i], qs[i], ps[i]);
                }

                f = MulByLines(f, lines, live);
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
            if (((X >> bit) & 1) == 1)
            {
                result = Fp12.Mul(result, g);
            }
        }

        return Fp12.Conjugate(result);
    }

    /// <summary>
    /// T ← 2T and the tangent at T evaluated at P. With the twist map (x, y) ↦ (x·w⁻², y·w⁻³) and the line
    /// scaled by w³·2YZ³ (factors in proper subfields, which the final exponentiation removes), the line is
    /// (3X³ - 2Y²) + (-3X²Z²·xP)·v + (2YZ³·yP)·v·w.
    /// </summary>
    private static Line DoublingStep(ref JacobianPoint<Fp2> t, in (Fp X, Fp Y) p)
    {
        var (x, y, z) = (t.X, t.Y, t.Z);
        var xx = Fp2.Square(x);
        var yy = Fp2.Square(y);
        var zz = Fp2.Square(z);
        var threeXX = Fp2.Add(Fp2.Double(xx), xx);
        var c00 = Fp2.Sub(Fp2.Mul(threeXX, x), Fp2.Double(yy));
        var c01 = Fp2.Neg(Fp2.MulByFp(Fp2.Mul(threeXX, zz), p.X));
        t = t.Double();
        var c11 = Fp2.MulByFp(Fp2.Mul(t.Z, zz), p.Y);
        return new Line(c00, c01, c11);
    }

    /// <summary>
    /// T ← T + Q and the line through them at P: with λ = R/(Z·H) (R = yQ·Z³ - Y, H = xQ·Z² - X) scaled by Z·H,
    /// (R·xQ - Z·H·yQ) + (-R·xP)·v + (Z·H·yP)·v·w.
    /// </summary>
    private static Line AdditionStep(ref JacobianPoint<Fp2> t, in (Fp2 X, Fp2 Y) q, in (Fp X, Fp Y) p)
    {
        var (x, y, z) = (t.X, t.Y, t.Z);
        var zz = Fp2.Square(z);
        var h = Fp2.Sub(Fp2.Mul(q.X, zz), x);
        var r = Fp2.Sub(Fp2.Mul(Fp2.Mul(q.Y, z), zz), y);
        var zh = Fp2.Mul(z, h);
        var c00 = Fp2.Sub(Fp2.Mul(r, q.X), Fp2.Mul(zh, q.Y));
        var c01 = Fp2.Neg(Fp2.MulByFp(r, p.X));
        var c11 = Fp2.MulByFp(zh, p.Y);

        var hh = Fp2.Square(h);
        var hhh = Fp2.Mul(h, hh);
        var v = Fp2.Mul(x, hh);
        var x3 = Fp2.Sub(Fp2.Sub(Fp2.Square(r), hhh), Fp2.Double(v));
        var y3 = Fp2.Sub(Fp2.Mul(r, Fp2.Sub(v, x3)), Fp2.Mul(y, hhh));
        t = new JacobianPoint<Fp2>(x3, y3, zh);
        return new Line(c00, c01, c11);
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
