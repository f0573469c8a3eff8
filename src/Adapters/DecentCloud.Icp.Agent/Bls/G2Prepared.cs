namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// A G2 point with its Miller-loop lines computed once. Every line of the loop depends on Q alone except for a
/// factor xP on one coefficient and yP on another, so a fixed Q (the generator, a root or subnet key) is
/// prepared once and each pairing only scales the stored coefficients by the G1 point.
/// </summary>
internal sealed class G2Prepared
{
    // |x| for the curve parameter x = -0xd201000000010000.
    internal const ulong LoopParameter = 0xd201000000010000;

    private G2Prepared(LineCoefficients[] lines) => Lines = lines;

    /// <summary>The prepared generator, shared by every verification.</summary>
    public static G2Prepared Generator { get; } = From(G2.Generator);

    /// <summary>One entry per Miller-loop step: for bit 62 down to 0 the tangent, then the chord when the bit is set. Empty for infinity.</summary>
    public LineCoefficients[] Lines { get; }

    public static G2Prepared From(in JacobianPoint<Fp2> q)
    {
        if (q.IsInfinity)
        {
            return new G2Prepared([]);
        }

        var (qx, qy) = q.ToAffine();
        var t = JacobianPoint<Fp2>.FromAffine(qx, qy);
        var lines = new List<LineCoefficients>(68);
        for (var bit = 62; bit >= 0; bit--)
        {
            lines.Add(DoublingStep(ref t));
            if (((LoopParameter >> bit) & 1) == 1)
            {
                lines.Add(AdditionStep(ref t, qx, qy));
            }
        }

        return new G2Prepared([.. lines]);
    }

    /// <summary>
    /// T ← 2T and its tangent. With the twist map (x, y) ↦ (x·w⁻², y·w⁻³) and the line scaled by w³·2YZ³ (factors
    /// in proper subfields, which the final exponentiation removes), the tangent at P is
    /// (3X³ - 2Y²) + (-3X²Z²)·xP·v + (2YZ³)·yP·v·w.
    /// </summary>
    private static LineCoefficients DoublingStep(ref JacobianPoint<Fp2> t)
    {
        var (x, y, z) = (t.X, t.Y, t.Z);
        var xx = Fp2.Square(x);
        var zz = Fp2.Square(z);
        var threeXX = Fp2.Add(Fp2.Double(xx), xx);
        var constant = Fp2.Sub(Fp2.Mul(threeXX, x), Fp2.Double(Fp2.Square(y)));
        var xCoefficient = Fp2.Neg(Fp2.Mul(threeXX, zz));
        t = t.Double();
        return new LineCoefficients(constant, xCoefficient, Fp2.Mul(t.Z, zz));
    }

    /// <summary>
    /// T ← T + Q and the chord: with λ = R/(Z·H) (R = yQ·Z³ - Y, H = xQ·Z² - X) scaled by Z·H, the line at P is
    /// (R·xQ - Z·H·yQ) + (-R)·xP·v + (Z·H)·yP·v·w. The new T is the mixed Jacobian-affine sum.
    /// </summary>
    private static LineCoefficients AdditionStep(ref JacobianPoint<Fp2> t, in Fp2 qx, in Fp2 qy)
    {
        var (x, y, z) = (t.X, t.Y, t.Z);
        var zz = Fp2.Square(z);
        var h = Fp2.Sub(Fp2.Mul(qx, zz), x);
        var r = Fp2.Sub(Fp2.Mul(Fp2.Mul(qy, z), zz), y);
        var zh = Fp2.Mul(z, h);
        var line = new LineCoefficients(Fp2.Sub(Fp2.Mul(r, qx), Fp2.Mul(zh, qy)), Fp2.Neg(r), zh);

        var hh = Fp2.Square(h);
        var hhh = Fp2.Mul(h, hh);
        var v = Fp2.Mul(x, hh);
        var x3 = Fp2.Sub(Fp2.Sub(Fp2.Square(r), hhh), Fp2.Double(v));
        var y3 = Fp2.Sub(Fp2.Mul(r, Fp2.Sub(v, x3)), Fp2.Mul(y, hhh));
        t = new JacobianPoint<Fp2>(x3, y3, zh);
        return line;
    }
}

/// <summary>A Miller-loop line without the G1 point: Constant + (XCoefficient·xP)·v + (YCoefficient·yP)·v·w.</summary>
internal readonly record struct LineCoefficients(Fp2 Constant, Fp2 XCoefficient, Fp2 YCoefficient);
