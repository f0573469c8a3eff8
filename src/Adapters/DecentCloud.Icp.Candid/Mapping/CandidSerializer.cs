using System.Collections.Concurrent;
using System.Numerics;
using System.Reflection;
using DecentCloud.Icp.Candid.Binary;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Mapping;

/// <summary>
/// Maps C# types to Candid and back: records and classes (by property, <see cref="CandidNameAttribute"/>),
/// variants (<see cref="CandidVariantAttribute"/> class hierarchies, or enums with null payloads),
/// <c>opt</c> as nullable, <c>vec nat8</c> as <c>byte[]</c>/<see cref="ReadOnlyMemory{T}"/>, other vectors
/// as arrays and lists, nat/int as <see cref="BigInteger"/> (nat unless <see cref="CandidIntAttribute"/>) or
/// fixed-width integers, principals as <see cref="Principal"/>, tuples (<see cref="ValueTuple"/>) as records with
/// fields 0, 1, ….
/// </summary>
public static class CandidSerializer
{
    private static readonly ConcurrentDictionary<(Type, bool, bool), CandidType> Types = new();
    private static readonly NullabilityInfoContext Nullability = new();

    // Types are built under one lock: NullabilityInfoContext is not thread-safe, and a recursive type's knot must
    // not be seen by another thread before it is tied. What is being built stays in Building until the outermost
    // build has succeeded, and only then is published to Types.
    private static readonly Lock BuildLock = new();
    private static readonly Dictionary<(Type, bool, bool), CandidType> Building = [];
    private static int buildDepth;

    /// <summary>The Candid type of a CLR type.</summary>
    public static CandidType TypeOf(Type type) => TypeOf(type, nullable: false, asInt: false);

    /// <summary>Encodes one value as a one-argument message.</summary>
    public static byte[] Encode<T>(T value)
    {
        var type = TypeOf(typeof(T));
        return CandidEncoder.Encode([type], [ToValue(value, typeof(T), type)]);
    }

    /// <summary>
    /// Decodes a one-argument message into <typeparamref name="T"/> (Candid subtyping applies). Whatever the input,
    /// it fails only with <see cref="CandidDecodeException"/>, also when a constructor of <typeparamref name="T"/>
    /// refuses the decoded value.
    /// </summary>
    public static T Decode<T>(ReadOnlySpan<byte> message, CandidDecoderOptions? options = null)
    {
        var type = TypeOf(typeof(T));
        var value = CandidDecoder.Decode(message, [type], options)[0];
        try
        {
            return (T)FromValue(value, typeof(T), type)!;
        }
        catch (CandidMappingException ex)
        {
            // The bytes were a valid message of the type, but not a value the CLR type accepts: still bad input.
            throw new CandidDecodeException($"the message does not make a {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The Candid value of a CLR value of type <paramref name="clrType"/>.</summary>
    public static CandidValue ToValue(object? value, Type clrType, CandidType type)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentNullException.ThrowIfNull(type);
        var t = type.Resolve();
        if (t is OptType opt)
        {
            return value is null ? new OptValue(null) : new OptValue(ToValue(value, Nullable.GetUnderlyingType(clrType) ?? clrType, opt.Inner));
        }

        if (value is null)
        {
            throw new CandidMappingException($"a {clrType.Name} value is null but its Candid type {t} is not opt");
        }

        switch (t)
        {
            case PrimitiveType p:
                return Primitive(value, p.Kind);
            case VecType vec when vec.Inner.Resolve().Kind == CandidKind.Nat8 && value is byte[] or ReadOnlyMemory<byte>:
                return new BlobValue(value is byte[] bytes ? bytes : (ReadOnlyMemory<byte>)value);
            case VecType vec:
                var element = ElementType(clrType)!;
                return new VecValue(((System.Collections.IEnumerable)value).Cast<object?>().Select(v => ToValue(v, element, vec.Inner)).ToList());
            case FieldsType { Kind: CandidKind.Record } record when IsTuple(clrType):
                return TupleOf((System.Runtime.CompilerServices.ITuple)value, clrType, record);
            case FieldsType { Kind: CandidKind.Record } record:
                return RecordOf(value, clrType, record);
            case FieldsType variant when clrType.IsEnum:
                return new VariantValue(CandidIds.FieldId(EnumName(clrType, value)), CandidValue.Null);
            case FieldsType variant:
                var caseType = value.GetType();
                var id = CandidIds.FieldId(NameOf(caseType));
                var field = variant.Find(id) ?? throw new CandidMappingException($"{caseType.Name} is not a case of {clrType.Name}");
                return new VariantValue(id, Properties(caseType) switch
                {
                    [] => CandidValue.Null,
                    [{ Name: "Value" } only] => ToValue(only.GetValue(value), only.PropertyType, field.Type),
                    _ => RecordOf(value, caseType, (FieldsType)field.Type.Resolve()),
                });
            default:
                throw new CandidMappingException($"{clrType.Name} cannot be encoded as {t}");
        }
    }

    /// <summary>
    /// The CLR value of a decoded Candid value; <see cref="CandidMappingException"/> when it does not fit, or a
    /// constructor or setter of the CLR type refuses it (the refusal is the inner exception).
    /// </summary>
    public static object? FromValue(CandidValue value, Type clrType, CandidType type)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentNullException.ThrowIfNull(type);
        try
        {
            return ToClr(value, clrType, type);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw new CandidMappingException($"{clrType.Name} refused a decoded value: {ex.InnerException.Message}", ex.InnerException);
        }
    }

    private static object? ToClr(CandidValue value, Type clrType, CandidType type)
    {
        var t = type.Resolve();
        var target = Nullable.GetUnderlyingType(clrType) ?? clrType;
        switch (t, value)
        {
            case (OptType opt, OptValue o):
                return o.Inner is null ? null : ToClr(o.Inner, target, opt.Inner);
            case (PrimitiveType, _):
                return FromPrimitive(value, target);
            case (VecType, BlobValue blob):
                return target == typeof(ReadOnlyMemory<byte>) ? (object)blob.Bytes : blob.Bytes.ToArray();
            case (VecType vec, VecValue items):
                // byte[] and ReadOnlyMemory<byte> take only blobs; a hand-built vector of nat8 values is refused, not crashed on.
                var element = ElementType(target) ?? throw new CandidMappingException($"a vector cannot become a {clrType.Name}");
                var array = Array.CreateInstance(element, items.Items.Count);
                for (var i = 0; i < items.Items.Count; i++)
                {
                    array.SetValue(ToClr(items.Items[i], element, vec.Inner), i);
                }

                return target.IsArray ? array : Activator.CreateInstance(typeof(List<>).MakeGenericType(element), array);
            case (FieldsType record, RecordValue fields) when IsTuple(target):
                var elements = target.GetGenericArguments();
                return Activator.CreateInstance(target, elements.Select((e, i) =>
                    ToClr(fields[(uint)i] ?? new OptValue(null), e, record.Find((uint)i)?.Type ?? throw new CandidMappingException($"{target.Name} has no element {i}"))).ToArray());
            case (FieldsType record, RecordValue fields):
                return Construct(target, record, fields);
            case (FieldsType, VariantValue variant) when target.IsEnum:
                return Enum.GetValues(target).Cast<object>().FirstOrDefault(e => CandidIds.FieldId(EnumName(target, e)) == variant.Id)
                    ?? throw new CandidMappingException($"{target.Name} has no member for tag {variant.Id}");
            case (FieldsType variantType, VariantValue variant):
                var caseType = Cases(target).FirstOrDefault(c => CandidIds.FieldId(NameOf(c)) == variant.Id)
                    ?? throw new CandidMappingException($"{target.Name} has no case for tag {variant.Id}");
                var payloadType = variantType.Find(variant.Id)!.Type;
                return Properties(caseType) switch
                {
                    [] => Activator.CreateInstance(caseType),
                    [{ Name: "Value" } only] => Activator.CreateInstance(caseType, ToClr(variant.Value, only.PropertyType, payloadType)),
                    _ => Construct(caseType, (FieldsType)payloadType.Resolve(), (RecordValue)variant.Value),
                };
            default:
                throw new CandidMappingException($"a {value.GetType().Name} cannot become a {clrType.Name}");
        }
    }

    private static CandidType TypeOf(Type type, bool nullable, bool asInt)
    {
        var key = (type, nullable, asInt);
        if (Types.TryGetValue(key, out var known))
        {
            return known;
        }

        lock (BuildLock)
        {
            if (Types.TryGetValue(key, out known) || Building.TryGetValue(key, out known))
            {
                return known;
            }

            buildDepth++;
            var complete = false;
            try
            {
                var built = Build(type, nullable, asInt);
                Building[key] = built;
                complete = true;
                return built;
            }
            finally
            {
                // A failed build (an unmappable member) publishes nothing, so no half-tied knot survives it.
                if (--buildDepth == 0)
                {
                    if (complete)
                    {
                        foreach (var (done, candid) in Building)
                        {
                            Types[done] = candid;
                        }
                    }

                    Building.Clear();
                }
            }
        }
    }

    private static CandidType Build(Type type, bool nullable, bool asInt)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return CandidType.Opt(TypeOf(inner, false, asInt));
        }

        if (nullable)
        {
            return CandidType.Opt(TypeOf(type, false, asInt));
        }

        if (Primitives.TryGetValue(type, out var primitive))
        {
            return primitive;
        }

        if (type == typeof(BigInteger))
        {
            return asInt ? CandidType.Int : CandidType.Nat;
        }

        if (type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>))
        {
            return CandidType.Vec(CandidType.Nat8);
        }

        if (ElementType(type) is { } element)
        {
            return CandidType.Vec(TypeOf(element, false, false));
        }

        if (IsTuple(type))
        {
            return FieldsType.Record(type.GetGenericArguments().Select((e, i) => new CandidField((uint)i, null, TypeOf(e, false, false))));
        }

        if (type.IsEnum)
        {
            return FieldsType.Variant(Enum.GetValues(type).Cast<object>().Select(v => CandidField.Named(EnumName(type, v), CandidType.Null)));
        }

        // A knot first, so that recursive classes terminate.
        var knot = CandidType.Knot(type.Name);
        Building[(type, false, false)] = knot;
        CandidType built = type.GetCustomAttribute<CandidVariantAttribute>() is not null
            ? FieldsType.Variant(Cases(type).Select(c => CandidField.Named(NameOf(c), PayloadType(c))))
            : RecordType(type);
        knot.Tie(built);
        Building[(type, false, false)] = built;
        return built;
    }

    // A case without properties carries null; one whose only property is `Value` carries that value; others a record.
    private static CandidType PayloadType(Type caseType) => Properties(caseType) switch
    {
        [] => CandidType.Null,
        [{ Name: "Value" } only] => TypeOf(only.PropertyType, IsNullableReference(only), only.GetCustomAttribute<CandidIntAttribute>() is not null),
        _ => RecordType(caseType),
    };

    private static FieldsType RecordType(Type type) =>
        FieldsType.Record(Properties(type).Select(p => CandidField.Named(NameOf(p), TypeOf(p.PropertyType, IsNullableReference(p), p.GetCustomAttribute<CandidIntAttribute>() is not null))));

    private static readonly Dictionary<Type, PrimitiveType> Primitives = new()
    {
        [typeof(bool)] = CandidType.Bool, [typeof(string)] = CandidType.Text, [typeof(Principal)] = CandidType.Principal,
        [typeof(byte)] = CandidType.Nat8, [typeof(ushort)] = CandidType.Nat16, [typeof(uint)] = CandidType.Nat32, [typeof(ulong)] = CandidType.Nat64,
        [typeof(sbyte)] = CandidType.Int8, [typeof(short)] = CandidType.Int16, [typeof(int)] = CandidType.Int32, [typeof(long)] = CandidType.Int64,
        [typeof(float)] = CandidType.Float32, [typeof(double)] = CandidType.Float64,
    };

    private static CandidValue Primitive(object value, CandidKind kind) => (kind, value) switch
    {
        (CandidKind.Bool, bool b) => new BoolValue(b),
        (CandidKind.Text, string s) => new TextValue(s),
        (CandidKind.Principal, Principal p) => new PrincipalValue(p),
        (CandidKind.Float32, float f) => new FloatValue(kind, f),
        (CandidKind.Float64, double d) => new FloatValue(kind, d),
        (CandidKind.Nat or CandidKind.Int, BigInteger n) => kind == CandidKind.Nat && n.Sign < 0
            ? throw new CandidMappingException($"{n} is negative but the type is nat")
            : new NumberValue(kind, n),
        (_, byte or ushort or uint or ulong or sbyte or short or int or long) => new NumberValue(kind, value switch
        {
            ulong u => u,
            _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        }),
        _ => throw new CandidMappingException($"a {value.GetType().Name} cannot be encoded as {kind.ToString().ToLowerInvariant()}"),
    };

    private static object FromPrimitive(CandidValue value, Type target) => value switch
    {
        BoolValue b => b.Value,
        TextValue s => s.Value,
        PrincipalValue p => p.Value,
        FloatValue f => target == typeof(float) ? (float)f.Value : f.Value,
        NumberValue n when target == typeof(BigInteger) => n.Value,
        NumberValue n => ConvertNumber(n.Value, target),
        _ => throw new CandidMappingException($"a {value.GetType().Name} cannot become a {target.Name}"),
    };

    private static object ConvertNumber(BigInteger n, Type target)
    {
        try
        {
            return target == typeof(ulong) ? (ulong)n : Convert.ChangeType((long)n, target, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is OverflowException or InvalidCastException)
        {
            throw new CandidMappingException($"{n} does not fit a {target.Name}", ex);
        }
    }

    private static RecordValue RecordOf(object value, Type clrType, FieldsType record)
    {
        var fields = new List<KeyValuePair<uint, CandidValue>>();
        foreach (var property in Properties(clrType))
        {
            var id = CandidIds.FieldId(NameOf(property));
            var field = record.Find(id)!;
            fields.Add(new(id, ToValue(property.GetValue(value), property.PropertyType, field.Type)));
        }

        return new RecordValue(fields.OrderBy(f => f.Key).ToList());
    }

    private static RecordValue TupleOf(System.Runtime.CompilerServices.ITuple tuple, Type clrType, FieldsType record)
    {
        var elements = clrType.GetGenericArguments();
        return new RecordValue([.. elements.Select((e, i) => new KeyValuePair<uint, CandidValue>((uint)i, ToValue(tuple[i], e, record.Find((uint)i)!.Type)))]);
    }

    // ValueTuple`1 … ValueTuple`7 (an eighth element nests another tuple, which Candid has no use for).
    private static bool IsTuple(Type type) =>
        type.IsValueType && type.IsGenericType && type.Namespace == "System" && type.Name.StartsWith("ValueTuple`", StringComparison.Ordinal)
        && type.GetGenericArguments().Length < 8;

    private static object Construct(Type target, FieldsType record, RecordValue fields)
    {
        var properties = Properties(target);
        var values = properties.Select(p =>
        {
            var id = CandidIds.FieldId(NameOf(p));
            var field = record.Find(id) ?? throw new CandidMappingException($"{target.Name}.{p.Name} has no Candid field");
            return ToClr(fields[id] ?? new OptValue(null), p.PropertyType, field.Type);
        }).ToArray();

        // Positional records (primary constructors) first, then settable properties.
        var constructor = target.GetConstructors().FirstOrDefault(c => c.GetParameters().Length == properties.Count
            && c.GetParameters().Select(p => p.Name).SequenceEqual(properties.Select(p => p.Name), StringComparer.OrdinalIgnoreCase));
        if (constructor is not null)
        {
            return constructor.Invoke(values);
        }

        var instance = Activator.CreateInstance(target) ?? throw new CandidMappingException($"{target.Name} cannot be created");
        for (var i = 0; i < properties.Count; i++)
        {
            properties[i].SetValue(instance, values[i]);
        }

        return instance;
    }

    private static List<PropertyInfo> Properties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")];

    private static IEnumerable<Type> Cases(Type variant) =>
        variant.GetNestedTypes().Where(t => t.IsSealed && variant.IsAssignableFrom(t));

    private static string NameOf(MemberInfo member) => member.GetCustomAttribute<CandidNameAttribute>()?.Name ?? member.Name;

    private static string EnumName(Type enumType, object value)
    {
        var name = Enum.GetName(enumType, value) ?? throw new CandidMappingException($"{value} is not a {enumType.Name}");
        return enumType.GetField(name)!.GetCustomAttribute<CandidNameAttribute>()?.Name ?? name;
    }

    private static bool IsNullableReference(PropertyInfo property) =>
        !property.PropertyType.IsValueType && Nullability.Create(property).ReadState == NullabilityState.Nullable;

    private static Type? ElementType(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[]))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(List<>) || d == typeof(IReadOnlyList<>) || d == typeof(IList<>) || d == typeof(IEnumerable<>) || d == typeof(IReadOnlyCollection<>))
            ? type.GetGenericArguments()[0]
            : null;
    }
}
