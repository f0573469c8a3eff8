using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Binary;

/// <summary>
/// Decodes a Candid message and coerces every argument to the type the caller expects (Candid's
/// subtyping: nat &lt;: int, extra record fields and arguments skipped, missing optional ones filled
/// in, the three <c>opt</c> rules, reference subtyping). Any bad input ends in a
/// <see cref="CandidDecodeException"/> carrying the byte offset, never in another exception.
/// </summary>
public static class CandidDecoder
{
    private static ReadOnlySpan<byte> Magic => "DIDL"u8;

    /// <summary>Decodes <paramref name="message"/> at <paramref name="expected"/>.</summary>
    public static IReadOnlyList<CandidValue> Decode(ReadOnlySpan<byte> message, IReadOnlyList<CandidType> expected, CandidDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        options ??= CandidDecoderOptions.Default;
        var reader = new CandidReader(message, options.CostQuota);
        try
        {
            if (!message.StartsWith(Magic))
            {
                throw reader.Error("missing the DIDL magic bytes");
            }

            reader.Position = Magic.Length;
            var wire = TypeTable.Read(ref reader);
            var session = new Session(options.MaxDepth);
            var values = new CandidValue[expected.Count];
            for (var i = 0; i < expected.Count; i++)
            {
                values[i] = i < wire.Count
                    ? session.Coerce(ref reader, wire[i], expected[i], 0)
                    : Session.Missing(expected[i]) ?? throw reader.Error($"argument {i} of type {expected[i]} is missing");
            }

            for (var i = expected.Count; i < wire.Count; i++)
            {
                session.Skip(ref reader, wire[i], 0);
            }

            return reader.Remaining == 0 ? values : throw reader.Error($"{reader.Remaining} bytes left after the last argument");
        }
        catch (Mismatch mismatch)
        {
            throw new CandidDecodeException(mismatch.Message, reader.Position);
        }
        catch (InvalidOperationException ex)
        {
            // A knot in a caller-built type that was never tied.
            throw new CandidDecodeException(ex.Message, reader.Position);
        }
    }

    /// <summary>A value that does not fit the expected type: recoverable under <c>opt</c>, fatal elsewhere.</summary>
    private sealed class Mismatch(string message) : Exception(message);

    private sealed class Session(int maxDepth)
    {
        public static CandidValue? Missing(CandidType expected) => expected.Resolve().Kind switch
        {
            CandidKind.Null => CandidValue.Null,
            CandidKind.Opt => new OptValue(null),
            CandidKind.Reserved => CandidValue.Reserved,
            _ => null,
        };

        public CandidValue Coerce(ref CandidReader r, CandidType wireType, CandidType expectedType, int depth)
        {
            Enter(ref r, depth);
            var w = wireType.Resolve();
            var t = expectedType.Resolve();
            switch (t)
            {
                case PrimitiveType { Kind: CandidKind.Reserved }:
                    Skip(ref r, w, depth);
                    return CandidValue.Reserved;
                case OptType opt:
                    return CoerceOpt(ref r, w, opt, depth);
                case PrimitiveType primitive:
                    return CoercePrimitive(ref r, w, primitive);
                case VecType vec when w is VecType wireVec:
                    return CoerceVec(ref r, wireVec, vec, depth);
                case FieldsType { Kind: CandidKind.Record } record when w is FieldsType { Kind: CandidKind.Record } wireRecord:
                    return CoerceRecord(ref r, wireRecord, record, depth);
                case FieldsType { Kind: CandidKind.Variant } variant when w is FieldsType { Kind: CandidKind.Variant } wireVariant:
                    return CoerceVariant(ref r, wireVariant, variant, depth);
                case FuncType when w is FuncType:
                    CheckSubtype(w, t);
                    return ReadFunc(ref r);
                case ServiceType when w is ServiceType:
                    CheckSubtype(w, t);
                    return new ServiceValue(ReadPrincipal(ref r));
                default:
                    throw MismatchOf(w, t);
            }
        }

        private OptValue CoerceOpt(ref CandidReader r, CandidType w, OptType expected, int depth)
        {
            switch (w.Kind)
            {
                case CandidKind.Null or CandidKind.Reserved:
                    return new OptValue(null);
                case CandidKind.Opt:
                    var tag = r.ReadByte();
                    return tag switch
                    {
                        0 => new OptValue(null),
                        1 => TryCoerce(ref r, ((OptType)w).Inner, expected.Inner, depth),
                        _ => throw r.Error($"opt tag {tag} is not 0 or 1"),
                    };
                default:
                    // The constituent rule: a non-optional value goes inside the option when it fits (the
                    // conformance suite wants `true` at `opt opt bool` to be `opt opt true`).
                    return TryCoerce(ref r, w, expected.Inner, depth);
            }
        }

        // The opt rule: a value that does not fit becomes null, and the input moves on past it.
        private OptValue TryCoerce(ref CandidReader r, CandidType w, CandidType t, int depth)
        {
            var start = r.Position;
            try
            {
                return new OptValue(Coerce(ref r, w, t, depth + 1));
            }
            catch (Mismatch)
            {
                r.Position = start;
                Skip(ref r, w, depth + 1);
                return new OptValue(null);
            }
        }

        private static CandidValue CoercePrimitive(ref CandidReader r, CandidType w, PrimitiveType t)
        {
            var kind = t.Kind;
            if (w.Kind != kind)
            {
                return (w.Kind, kind) switch
                {
                    (CandidKind.Nat, CandidKind.Int) => new NumberValue(CandidKind.Int, r.ReadLebBig()),
                    (CandidKind.Service, CandidKind.Principal) => new PrincipalValue(ReadPrincipal(ref r)),
                    _ => throw MismatchOf(w, t),
                };
            }

            return kind switch
            {
                CandidKind.Null => CandidValue.Null,
                CandidKind.Bool => r.ReadByte() switch
                {
                    0 => new BoolValue(false),
                    1 => new BoolValue(true),
                    var b => throw r.Error($"bool byte {b} is not 0 or 1"),
                },
                CandidKind.Nat => new NumberValue(kind, r.ReadLebBig()),
                CandidKind.Int => new NumberValue(kind, r.ReadSlebBig()),
                CandidKind.Nat8 => new NumberValue(kind, r.ReadFixedUnsigned(1)),
                CandidKind.Nat16 => new NumberValue(kind, r.ReadFixedUnsigned(2)),
                CandidKind.Nat32 => new NumberValue(kind, r.ReadFixedUnsigned(4)),
                CandidKind.Nat64 => new NumberValue(kind, r.ReadFixedUnsigned(8)),
                CandidKind.Int8 => new NumberValue(kind, r.ReadFixedSigned(1)),
                CandidKind.Int16 => new NumberValue(kind, r.ReadFixedSigned(2)),
                CandidKind.Int32 => new NumberValue(kind, r.ReadFixedSigned(4)),
                CandidKind.Int64 => new NumberValue(kind, r.ReadFixedSigned(8)),
                CandidKind.Float32 => new FloatValue(kind, BitConverter.Int32BitsToSingle((int)r.ReadFixedUnsigned(4))),
                CandidKind.Float64 => new FloatValue(kind, BitConverter.Int64BitsToDouble((long)r.ReadFixedUnsigned(8))),
                CandidKind.Text => new TextValue(r.ReadText()),
                CandidKind.Principal => new PrincipalValue(ReadPrincipal(ref r)),
                _ => throw r.Error("no value has type empty"),
            };
        }

        private CandidValue CoerceVec(ref CandidReader r, VecType w, VecType t, int depth)
        {
            var wireItem = w.Inner.Resolve();
            var count = r.ReadCount(MayBeEmpty(wireItem, 0));
            if (t.Inner.Resolve().Kind == CandidKind.Nat8)
            {
                // A blob is expected. Only nat8 converts to nat8, so another element type is a blob only when
                // there are no elements (vec t <: vec nat8 holds for the empty vector alone).
                if (wireItem.Kind != CandidKind.Nat8 && count > 0)
                {
                    throw MismatchOf(w, t);
                }

                r.Charge(1 + (count / 64));
                return new BlobValue(wireItem.Kind == CandidKind.Nat8 ? r.ReadBytes(count).ToArray() : []);
            }

            r.Charge(count);
            var items = new List<CandidValue>((int)Math.Min(count, 4096));
            for (var i = 0; i < count; i++)
            {
                items.Add(Coerce(ref r, wireItem, t.Inner, depth + 1));
            }

            return new VecValue(items);
        }

        private RecordValue CoerceRecord(ref CandidReader r, FieldsType w, FieldsType t, int depth)
        {
            var values = new List<KeyValuePair<uint, CandidValue>>(t.Fields.Count);
            var next = 0;
            for (var f = 0; f < w.Fields.Count; f++)
            {
                var field = w.Fields[f];
                while (next < t.Fields.Count && t.Fields[next].Id < field.Id)
                {
                    values.Add(new(t.Fields[next].Id, FillMissing(t.Fields[next])));
                    next++;
                }

                if (next < t.Fields.Count && t.Fields[next].Id == field.Id)
                {
                    values.Add(new(field.Id, Coerce(ref r, field.Type, t.Fields[next].Type, depth + 1)));
                    next++;
                }
                else
                {
                    Skip(ref r, field.Type, depth + 1);
                }
            }

            for (; next < t.Fields.Count; next++)
            {
                values.Add(new(t.Fields[next].Id, FillMissing(t.Fields[next])));
            }

            return new RecordValue(values);
        }

        private static CandidValue FillMissing(CandidField field) =>
            Missing(field.Type) ?? throw new Mismatch($"record field {field.Id} of type {field.Type} is missing");

        private VariantValue CoerceVariant(ref CandidReader r, FieldsType w, FieldsType t, int depth)
        {
            var index = r.ReadLebUInt32();
            if (index >= w.Fields.Count)
            {
                throw r.Error($"variant index {index} is outside its {w.Fields.Count} fields");
            }

            var field = w.Fields[(int)index];
            var target = t.Find(field.Id) ?? throw new Mismatch($"variant tag {field.Id} is not in the expected type");
            return new VariantValue(field.Id, Coerce(ref r, field.Type, target.Type, depth + 1));
        }

        /// <summary>Reads past a value of the wire type, checking it as strictly as a decode would.</summary>
        public void Skip(ref CandidReader r, CandidType wireType, int depth)
        {
            Enter(ref r, depth);
            var w = wireType.Resolve();
            switch (w.Kind)
            {
                case CandidKind.Null or CandidKind.Reserved:
                    return;
                case CandidKind.Bool:
                    if (r.ReadByte() > 1)
                    {
                        throw r.Error("bool byte is not 0 or 1");
                    }

                    return;
                case CandidKind.Nat:
                    r.ReadLebBig();
                    return;
                case CandidKind.Int:
                    r.ReadSlebBig();
                    return;
                case CandidKind.Nat8 or CandidKind.Int8:
                    r.ReadBytes(1);
                    return;
                case CandidKind.Nat16 or CandidKind.Int16:
                    r.ReadBytes(2);
                    return;
                case CandidKind.Nat32 or CandidKind.Int32 or CandidKind.Float32:
                    r.ReadBytes(4);
                    return;
                case CandidKind.Nat64 or CandidKind.Int64 or CandidKind.Float64:
                    r.ReadBytes(8);
                    return;
                case CandidKind.Text:
                    r.ReadText();
                    return;
                case CandidKind.Principal or CandidKind.Service:
                    ReadPrincipal(ref r);
                    return;
                case CandidKind.Func:
                    ReadFunc(ref r);
                    return;
                case CandidKind.Opt:
                    switch (r.ReadByte())
                    {
                        case 0:
                            return;
                        case 1:
                            Skip(ref r, ((OptType)w).Inner, depth + 1);
                            return;
                        default:
                            throw r.Error("opt tag is not 0 or 1");
                    }

                case CandidKind.Vec:
                    var item = ((VecType)w).Inner.Resolve();
                    var count = r.ReadCount(MayBeEmpty(item, 0));
                    if (item.Kind is CandidKind.Nat8 or CandidKind.Int8)
                    {
                        r.ReadBytes(count);
                        return;
                    }

                    r.Charge(count);
                    for (var i = 0; i < count; i++)
                    {
                        Skip(ref r, item, depth + 1);
                    }

                    return;
                case CandidKind.Record:
                    // Indexing, not foreach: an interface enumerator per record would allocate on every skipped value.
                    var recordFields = ((FieldsType)w).Fields;
                    for (var i = 0; i < recordFields.Count; i++)
                    {
                        Skip(ref r, recordFields[i].Type, depth + 1);
                    }

                    return;
                case CandidKind.Variant:
                    var fields = ((FieldsType)w).Fields;
                    var index = r.ReadLebUInt32();
                    if (index >= fields.Count)
                    {
                        throw r.Error($"variant index {index} is outside its {fields.Count} fields");
                    }

                    Skip(ref r, fields[(int)index].Type, depth + 1);
                    return;
                case CandidKind.Future:
                    var bytes = r.ReadLebUInt32();
                    r.ReadLebUInt32();
                    r.ReadBytes(bytes);
                    return;
                default:
                    throw r.Error("no value has type empty");
            }
        }

        private void Enter(ref CandidReader r, int depth)
        {
            if (depth > maxDepth)
            {
                throw r.Error($"values nest deeper than {maxDepth}");
            }

            r.Charge(1);
        }

        private static bool MayBeEmpty(CandidType type, int depth)
        {
            var t = type.Resolve();
            return depth > 32 || t.Kind switch
            {
                CandidKind.Null or CandidKind.Reserved or CandidKind.Empty => true,
                CandidKind.Record => ((FieldsType)t).Fields.All(f => MayBeEmpty(f.Type, depth + 1)),
                _ => false,
            };
        }

        private static void CheckSubtype(CandidType w, CandidType t)
        {
            if (!Subtyping.IsSubtype(w, t))
            {
                throw new Mismatch($"reference of type {w} is not a subtype of {t}");
            }
        }

        private static Principal ReadPrincipal(ref CandidReader r)
        {
            if (r.ReadByte() != 1)
            {
                throw r.Error("opaque references are not supported (tag is not 1)");
            }

            var length = r.ReadLebUInt32();
            if (length > Principal.MaxLength)
            {
                throw r.Error($"a principal has at most {Principal.MaxLength} bytes");
            }

            return Principal.FromBytes(r.ReadBytes(length));
        }

        private static FuncValue ReadFunc(ref CandidReader r)
        {
            if (r.ReadByte() != 1)
            {
                throw r.Error("opaque function references are not supported (tag is not 1)");
            }

            var service = ReadPrincipal(ref r);
            return new FuncValue(service, r.ReadText());
        }

        private static Mismatch MismatchOf(CandidType w, CandidType t) => new($"a value of type {w} cannot be read as {t}");
    }
}
