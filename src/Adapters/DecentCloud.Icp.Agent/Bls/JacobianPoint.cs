using System.Numerics;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// A point of y² = x³ + b in Jacobian coordinates (x = X/Z², y = Y/Z³; Z = 0 is the point at infinity), over
/// Fp for G1 and Fp2 for G2. The formulas are the a = 0 ones of the Explicit-Formulas Database
/// (dbl-2009-l, add-2007-bl), with the exceptional cases of addition handled explicitly.
/// </summary>
internal readonly struct JacobianPoint<TF> : IEquatable<JacobianPoint<TF>>
    where TF : struct, IField<TF>
{
    public readonly TF X;
    public readonly TF Y;
    public readonly TF Z;

    public JacobianPoint(in TF x, in TF y, in TF z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<TF> Infinity => new(TF.One, TF.One, TF.Zero);

    public static JacobianPoint<TF> FromAffine(in TF x, in TF y) => new(x, y, TF.One);

    public bool IsInfinity => Z.IsZero;

    public JacobianPoint<TF> Negate() => new(X, TF.Neg(Y), Z);

    /// <summary>The affine coordinates (undefined for infinity; check <see cref="IsInfinity"/> first).</summary>
    public (TF X, TF Y) ToAffine()
    {
        var zInverse = TF.Inverse(Z);
        var zInverse2 = TF.Square(zInverse);
        return (TF.Mul(X, zInverse2), TF.Mul(Y, TF.Mul(zInverse2, zInverse)));
    }

    public bool IsOnCurve(in TF b)
    {
        if (IsInfinity)
        {
            return true;
        }

        // Y² = X³ + b·Z⁶
        var z2 = TF.Square(Z);
        var z6 = TF.Mul(TF.Square(z2), z2);
        var right = TF.Add(TF.Mul(TF.Square(X), X), TF.Mul(b, z6));
        return TF.Square(Y).Equals(right);
    }

    public JacobianPoint<TF> Double()
    {
        if (IsInfinity || Y.IsZero)
        {
            return Infinity;
        }

        var a = TF.Square(X);
        var b = TF.Square(Y);
        var c = TF.Square(b);
        var d = TF.Double(TF.Sub(TF.Sub(TF.Square(TF.Add(X, b)), a), c));
        var e = TF.Add(TF.Double(a), a);
        var f = TF.Square(e);
        var x3 = TF.Sub(f, TF.Double(d));
        var c8 = TF.Double(TF.Double(TF.Double(c)));
        var y3 = TF.Sub(TF.Mul(e, TF.Sub(d, x3)), c8);
        var z3 = TF.Double(TF.Mul(Y, Z));
        return new JacobianPoint<TF>(x3, y3, z3);
    }

    public JacobianPoint<TF> Add(in JacobianPoint<TF> other)
    {
        if (IsInfinity)
        {
            return other;
        }

        if (other.IsInfinity)
        {
            return this;
        }

        var z1z1 = TF.Square(Z);
        var z2z2 = TF.Square(other.Z);
        var u1 = TF.Mul(X, z2z2);
        var u2 = TF.Mul(other.X, z1z1);
        var s1 = TF.Mul(TF.Mul(Y, other.Z), z2z2);
        var s2 = TF.Mul(TF.Mul(other.Y, Z), z1z1);
        var h = TF.Sub(u2, u1);
        var rHalf = TF.Sub(s2, s1);
        if (h.IsZero)
        {
            return rHalf.IsZero ? Double() : Infinity;
        }

        var i = TF.Square(TF.Double(h));
        var j = TF.Mul(h, i);
        var r = TF.Double(rHalf);
        var v = TF.Mul(u1, i);
        var x3 = TF.Sub(TF.Sub(TF.Square(r), j), TF.Double(v));
        var y3 = TF.Sub(TF.Mul(r, TF.Sub(v, x3)), TF.Double(TF.Mul(s1, j)));
        var z3 = TF.Mul(TF.Sub(TF.Sub(TF.Square(TF.Add(Z, other.Z)), z1z1), z2z2), h);
        return new JacobianPoint<TF>(x3, y3, z3);
    }

    /// <summary>k·P by double-and-add (public scalars only: the verifier never multiplies by a secret).</summary>
    public JacobianPoint<TF> Multiply(BigInteger scalar)
    {
        if (scalar.Sign < 0)
        {
            return Negate().Multiply(-scalar);
        }

        var result = Infinity;
        foreach (var b in scalar.ToByteArray(isUnsigned: true, isBigEndian: true))
        {
            for (var bit = 7; bit >= 0; bit--)
            {
                result = result.Double();
                if (((b >> bit) & 1) == 1)
                {
                    result = result.Add(this);
                }
            }
        }

        return result;
    }

    /// <summary>Projective equality: X1·Z2² = X2·Z1² and Y1·Z2³ = Y2·Z1³.</summary>
    public bool Equals(JacobianPoint<TF> other)
    {
        if (IsInfinity || other.IsInfinity)
        {
            return IsInfinity && other.IsInfinity;
        }

        var z1z1 = TF.Square(Z);
        var z2z2 = TF.Square(other.Z);
        return TF.Mul(X, z2z2).Equals(TF.Mul(other.X, z1z1))
            && TF.Mul(TF.Mul(Y, other.Z), z2z2).Equals(TF.Mul(TF.Mul(other.Y, Z), z1z1));
    }

    public override bool Equals(object? obj) => obj is JacobianPoint<TF> other && Equals(other);

    public override int GetHashCode() => IsInfinity ? 0 : ToAffine().GetHashCode();
}
