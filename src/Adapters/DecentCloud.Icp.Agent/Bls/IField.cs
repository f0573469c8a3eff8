namespace DecentCloud.Icp.Agent.Bls;

/// <summary>The field operations the curve arithmetic needs, so one point implementation serves G1 (over Fp) and G2 (over Fp2).</summary>
internal interface IField<T> : IEquatable<T>
    where T : struct, IField<T>
{
    static abstract T Zero { get; }

    static abstract T One { get; }

    bool IsZero { get; }

    static abstract T Add(in T a, in T b);

    static abstract T Sub(in T a, in T b);

    static abstract T Neg(in T a);

    static abstract T Double(in T a);

    static abstract T Mul(in T a, in T b);

    static abstract T Square(in T a);

    static abstract T Inverse(in T a);
}
