namespace DecentCloud.Icp.Candid.Types;

/// <summary>
/// Candid's type-level subtyping <c>t1 &lt;: t2</c>, as decoders check it for function and service
/// references. Recursive types are compared coinductively (a pair under comparison is assumed to hold).
/// </summary>
public static class Subtyping
{
    /// <summary>Whether values of <paramref name="sub"/> may be used where <paramref name="super"/> is expected.</summary>
    public static bool IsSubtype(CandidType sub, CandidType super)
    {
        ArgumentNullException.ThrowIfNull(sub);
        ArgumentNullException.ThrowIfNull(super);
        return Check(sub, super, new HashSet<(CandidType, CandidType)>(PairComparer.Instance), 0);
    }

    private static bool Check(CandidType sub, CandidType super, HashSet<(CandidType, CandidType)> assumed, int depth)
    {
        if (depth > 512)
        {
            return false;
        }

        var t1 = sub.Resolve();
        var t2 = super.Resolve();
        if (ReferenceEquals(t1, t2) || !assumed.Add((t1, t2)))
        {
            return true;
        }

        return (t1.Kind, t2.Kind) switch
        {
            (_, CandidKind.Reserved) => true,
            (CandidKind.Empty, _) => true,
            (CandidKind.Nat, CandidKind.Int) => true,
            (CandidKind.Service, CandidKind.Principal) => true,
            (_, CandidKind.Opt) => true,
            (CandidKind.Vec, CandidKind.Vec) => Check(((VecType)t1).Inner, ((VecType)t2).Inner, assumed, depth + 1),
            (CandidKind.Record, CandidKind.Record) => Records((FieldsType)t1, (FieldsType)t2, assumed, depth),
            (CandidKind.Variant, CandidKind.Variant) => ((FieldsType)t1).Fields.All(f =>
                ((FieldsType)t2).Find(f.Id) is { } target && Check(f.Type, target.Type, assumed, depth + 1)),
            (CandidKind.Func, CandidKind.Func) => Funcs((FuncType)t1, (FuncType)t2, assumed, depth),
            (CandidKind.Service, CandidKind.Service) => ((ServiceType)t2).Methods.All(m =>
                ((ServiceType)t1).Methods.FirstOrDefault(x => x.Key == m.Key).Value is { } own && Check(own, m.Value, assumed, depth + 1)),
            (CandidKind.Future, _) or (_, CandidKind.Future) => false,
            var (k1, k2) when t1 is PrimitiveType && t2 is PrimitiveType => k1 == k2,
            _ => false,
        };
    }

    private static bool Records(FieldsType sub, FieldsType super, HashSet<(CandidType, CandidType)> assumed, int depth) =>
        super.Fields.All(f => sub.Find(f.Id) is { } own ? Check(own.Type, f.Type, assumed, depth + 1) : IsOptional(f.Type));

    private static bool Funcs(FuncType sub, FuncType super, HashSet<(CandidType, CandidType)> assumed, int depth) =>
        sub.Modes.OrderBy(m => m, StringComparer.Ordinal).SequenceEqual(super.Modes.OrderBy(m => m, StringComparer.Ordinal))
        && Records(FieldsType.Tuple([.. super.Args]), FieldsType.Tuple([.. sub.Args]), assumed, depth)
        && Records(FieldsType.Tuple([.. sub.Results]), FieldsType.Tuple([.. super.Results]), assumed, depth);

    /// <summary>Whether a missing field or argument of this type is filled in (null, opt, reserved).</summary>
    internal static bool IsOptional(CandidType type) => type.Resolve().Kind is CandidKind.Null or CandidKind.Opt or CandidKind.Reserved;

    private sealed class PairComparer : IEqualityComparer<(CandidType, CandidType)>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals((CandidType, CandidType) x, (CandidType, CandidType) y) =>
            ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

        public int GetHashCode((CandidType, CandidType) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Item2));
    }
}
