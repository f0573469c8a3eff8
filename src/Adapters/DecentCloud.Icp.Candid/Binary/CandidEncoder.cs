using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using DecentCloud.Icp.Candid.Types;
using DecentCloud.Icp.Candid.Values;

namespace DecentCloud.Icp.Candid.Binary;

/// <summary>
/// Encodes values at their types into a Candid message: one type-table entry per distinct composite
/// type (recursive types through their knots), then the values. Throws <see cref="ArgumentException"/>
/// when a value does not have its type.
/// </summary>
public static class CandidEncoder
{
    /// <summary>Encodes <paramref name="values"/> as arguments of <paramref name="types"/>.</summary>
    public static byte[] Encode(IReadOnlyList<CandidType> types, IReadOnlyList<CandidValue> values)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(values);
        if (types.Count != values.Count)
        {
            throw new ArgumentException($"{values.Count} values for {types.Count} types", nameof(values));
        }

        var buffer = new ArrayBufferWriter<byte>(64);
        buffer.Write("DIDL"u8);
        var table = new Table();
        var argRefs = types.Select(table.RefOf).ToList();
        WriteLeb(buffer, (ulong)table.Entries.Count);
        foreach (var entry in table.Entries)
        {
            buffer.Write(entry.Span);
        }

        WriteLeb(buffer, (ulong)argRefs.Count);
        foreach (var reference in argRefs)
        {
            WriteSleb(buffer, (long)reference);
        }

        for (var i = 0; i < types.Count; i++)
        {
            WriteValue(buffer, types[i], values[i], 0);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private sealed class Table
    {
        private readonly Dictionary<CandidType, int> _indices = new(ReferenceEqualityComparer.Instance);

        public List<ReadOnlyMemory<byte>> Entries { get; } = [];

        public int RefOf(CandidType type)
        {
            var t = type.Resolve();
            if (t is PrimitiveType primitive)
            {
                return (int)primitive.Kind;
            }

            if (t is FutureType)
            {
                throw new ArgumentException("future types cannot be encoded", nameof(type));
            }

            if (_indices.TryGetValue(t, out var index))
            {
                return index;
            }

            index = Entries.Count;
            _indices[t] = index;
            Entries.Add(default);
            var entry = new ArrayBufferWriter<byte>(16);
            WriteSleb(entry, (long)t.Kind);
            switch (t)
            {
                case OptType opt:
                    WriteSleb(entry, (long)RefOf(opt.Inner));
                    break;
                case VecType vec:
                    WriteSleb(entry, (long)RefOf(vec.Inner));
                    break;
                case FieldsType fields:
                    WriteLeb(entry, (ulong)fields.Fields.Count);
                    foreach (var field in fields.Fields)
                    {
                        WriteLeb(entry, field.Id);
                        WriteSleb(entry, (long)RefOf(field.Type));
                    }

                    break;
                case FuncType func:
                    WriteRefs(entry, func.Args);
                    WriteRefs(entry, func.Results);
                    WriteLeb(entry, (ulong)func.Modes.Count);
                    foreach (var mode in func.Modes)
                    {
                        entry.Write([mode switch { "query" => (byte)1, "oneway" => (byte)2, "composite_query" => (byte)3, _ => throw new ArgumentException($"unknown mode {mode}", nameof(type)) }]);
                    }

                    break;
                case ServiceType service:
                    WriteLeb(entry, (ulong)service.Methods.Count);
                    foreach (var (name, methodType) in service.Methods)
                    {
                        WriteText(entry, name);
                        WriteSleb(entry, (long)RefOf(methodType));
                    }

                    break;
            }

            Entries[index] = entry.WrittenMemory;
            return index;
        }

        private void WriteRefs(ArrayBufferWriter<byte> entry, IReadOnlyList<CandidType> types)
        {
            WriteLeb(entry, (ulong)types.Count);
            foreach (var type in types)
            {
                WriteSleb(entry, (long)RefOf(type));
            }
        }
    }

    private static void WriteValue(ArrayBufferWriter<byte> w, CandidType type, CandidValue value, int depth)
    {
        if (depth > 1024)
        {
            throw new ArgumentException("the value nests too deeply", nameof(value));
        }

        var t = type.Resolve();
        switch (t.Kind, value)
        {
            case (CandidKind.Null, NullValue):
            case (CandidKind.Reserved, _):
                return;
            case (CandidKind.Bool, BoolValue b):
                w.Write([b.Value ? (byte)1 : (byte)0]);
                return;
            case (CandidKind.Nat, NumberValue n) when n.Value.Sign >= 0:
                WriteLeb(w, n.Value);
                return;
            case (CandidKind.Int, NumberValue n):
                WriteSleb(w, n.Value);
                return;
            case (CandidKind.Nat8 or CandidKind.Nat16 or CandidKind.Nat32 or CandidKind.Nat64
                or CandidKind.Int8 or CandidKind.Int16 or CandidKind.Int32 or CandidKind.Int64, NumberValue n):
                WriteFixed(w, t.Kind, n.Value);
                return;
            case (CandidKind.Float32, FloatValue f):
                BinaryPrimitives.WriteSingleLittleEndian(w.GetSpan(4), (float)f.Value);
                w.Advance(4);
                return;
            case (CandidKind.Float64, FloatValue f):
                BinaryPrimitives.WriteDoubleLittleEndian(w.GetSpan(8), f.Value);
                w.Advance(8);
                return;
            case (CandidKind.Text, TextValue s):
                WriteText(w, s.Value);
                return;
            case (CandidKind.Principal, PrincipalValue p):
                WritePrincipal(w, p.Value);
                return;
            case (CandidKind.Opt, OptValue o):
                if (o.Inner is null)
                {
                    w.Write([(byte)0]);
                    return;
                }

                w.Write([(byte)1]);
                WriteValue(w, ((OptType)t).Inner, o.Inner, depth + 1);
                return;
            case (CandidKind.Opt, NullValue):
                w.Write([(byte)0]);
                return;
            case (CandidKind.Vec, BlobValue blob) when ((VecType)t).Inner.Resolve().Kind == CandidKind.Nat8:
                WriteLeb(w, (ulong)blob.Bytes.Length);
                w.Write(blob.Bytes.Span);
                return;
            case (CandidKind.Vec, VecValue vec):
                WriteLeb(w, (ulong)vec.Items.Count);
                foreach (var item in vec.Items)
                {
                    WriteValue(w, ((VecType)t).Inner, item, depth + 1);
                }

                return;
            case (CandidKind.Record, RecordValue record):
                foreach (var field in ((FieldsType)t).Fields)
                {
                    var fieldValue = record[field.Id] ?? throw new ArgumentException($"record value lacks field {field.Id}", nameof(value));
                    WriteValue(w, field.Type, fieldValue, depth + 1);
                }

                return;
            case (CandidKind.Variant, VariantValue variant):
                var fields = ((FieldsType)t).Fields;
                var index = fields.ToList().FindIndex(f => f.Id == variant.Id);
                if (index < 0)
                {
                    throw new ArgumentException($"variant tag {variant.Id} is not in {t}", nameof(value));
                }

                WriteLeb(w, (ulong)index);
                WriteValue(w, fields[index].Type, variant.Value, depth + 1);
                return;
            case (CandidKind.Func, FuncValue func):
                w.Write([(byte)1]);
                WritePrincipal(w, func.Service);
                WriteText(w, func.Method);
                return;
            case (CandidKind.Service, ServiceValue service):
                WritePrincipal(w, service.Service);
                return;
            default:
                throw new ArgumentException($"value {value} does not have type {t}", nameof(value));
        }
    }

    private static void WriteFixed(ArrayBufferWriter<byte> w, CandidKind kind, BigInteger value)
    {
        var size = kind switch
        {
            CandidKind.Nat8 or CandidKind.Int8 => 1,
            CandidKind.Nat16 or CandidKind.Int16 => 2,
            CandidKind.Nat32 or CandidKind.Int32 => 4,
            _ => 8,
        };
        var signed = kind is CandidKind.Int8 or CandidKind.Int16 or CandidKind.Int32 or CandidKind.Int64;
        var min = signed ? -(BigInteger.One << ((size * 8) - 1)) : BigInteger.Zero;
        var max = signed ? (BigInteger.One << ((size * 8) - 1)) - 1 : (BigInteger.One << (size * 8)) - 1;
        if (value < min || value > max)
        {
            throw new ArgumentException($"{value} is out of range for {kind.ToString().ToLowerInvariant()}", nameof(value));
        }

        var span = w.GetSpan(8);
        BinaryPrimitives.WriteUInt64LittleEndian(span, unchecked((ulong)(long)(signed ? value : (value > long.MaxValue ? value - (BigInteger.One << 64) : value))));
        w.Advance(size);
    }

    private static void WritePrincipal(ArrayBufferWriter<byte> w, Principal principal)
    {
        w.Write([(byte)1]);
        WriteLeb(w, (ulong)principal.Bytes.Length);
        w.Write(principal.Bytes);
    }

    private static void WriteText(ArrayBufferWriter<byte> w, string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        WriteLeb(w, (ulong)count);
        Encoding.UTF8.GetBytes(text, w.GetSpan(count));
        w.Advance(count);
    }

    internal static void WriteLeb(IBufferWriter<byte> w, ulong value)
    {
        var span = w.GetSpan(10);
        var n = 0;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            span[n++] = value == 0 ? b : (byte)(b | 0x80);
        }
        while (value != 0);
        w.Advance(n);
    }

    private static void WriteLeb(IBufferWriter<byte> w, BigInteger value)
    {
        if (value <= ulong.MaxValue)
        {
            WriteLeb(w, (ulong)value);
            return;
        }

        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            w.Write([value.IsZero ? b : (byte)(b | 0x80)]);
        }
        while (!value.IsZero);
    }

    internal static void WriteSleb(IBufferWriter<byte> w, BigInteger value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            WriteSleb(w, (long)value);
            return;
        }

        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value.IsZero && (b & 0x40) == 0) || (value == BigInteger.MinusOne && (b & 0x40) != 0);
            w.Write([done ? b : (byte)(b | 0x80)]);
            if (done)
            {
                return;
            }
        }
    }

    private static void WriteSleb(IBufferWriter<byte> w, long value)
    {
        var span = w.GetSpan(10);
        var n = 0;
        while (true)
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            var done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
            span[n++] = done ? b : (byte)(b | 0x80);
            if (done)
            {
                w.Advance(n);
                return;
            }
        }
    }
}
