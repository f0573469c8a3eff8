using DecentCloud.Icp.Candid.Types;

namespace DecentCloud.Icp.Candid.Binary;

/// <summary>Reads the type table and the argument types of a message, checking every reference and field order.</summary>
internal static class TypeTable
{
    public static IReadOnlyList<CandidType> Read(ref CandidReader reader)
    {
        var count = reader.ReadCount(elementsMayBeEmpty: false);
        var knots = new KnotType[count];
        for (var i = 0; i < count; i++)
        {
            knots[i] = CandidType.Knot("table" + i);
        }

        var entries = new CandidType[count];
        for (var i = 0; i < count; i++)
        {
            reader.Charge(1);
            entries[i] = ReadEntry(ref reader, knots);
            knots[i].Tie(entries[i]);
        }

        foreach (var entry in entries)
        {
            CheckEntry(ref reader, entry);
        }

        var argCount = reader.ReadCount(elementsMayBeEmpty: false);
        var args = new CandidType[argCount];
        for (var i = 0; i < argCount; i++)
        {
            args[i] = ReadRef(ref reader, knots);
        }

        return args;
    }

    private static CandidType ReadEntry(ref CandidReader reader, KnotType[] knots)
    {
        var opcode = reader.ReadSlebInt32();
        switch (opcode)
        {
            case (int)CandidKind.Opt:
                return CandidType.Opt(ReadRef(ref reader, knots));
            case (int)CandidKind.Vec:
                return CandidType.Vec(ReadRef(ref reader, knots));
            case (int)CandidKind.Record:
            case (int)CandidKind.Variant:
                return ReadFields(ref reader, knots, opcode == (int)CandidKind.Record);
            case (int)CandidKind.Func:
                return ReadFunc(ref reader, knots);
            case (int)CandidKind.Service:
                var methodCount = reader.ReadCount(elementsMayBeEmpty: false);
                var methods = new List<KeyValuePair<string, CandidType>>();
                string? previous = null;
                for (var i = 0; i < methodCount; i++)
                {
                    var name = reader.ReadText();
                    if (previous is not null && string.CompareOrdinal(previous, name) >= 0)
                    {
                        throw reader.Error("service methods must be sorted and unique");
                    }

                    previous = name;
                    methods.Add(new(name, ReadRef(ref reader, knots)));
                }

                return new ServiceType(methods);
            case < -24:
                reader.ReadBytes(reader.ReadLebUInt32());
                return new FutureType(opcode);
            default:
                throw reader.Error($"type table entry with opcode {opcode} is not a composite type");
        }
    }

    private static FieldsType ReadFields(ref CandidReader reader, KnotType[] knots, bool isRecord)
    {
        var fieldCount = reader.ReadCount(elementsMayBeEmpty: false);
        var fields = new List<CandidField>((int)Math.Min(fieldCount, 256));
        long previous = -1;
        for (var i = 0; i < fieldCount; i++)
        {
            var id = reader.ReadLebUInt32();
            if (id <= previous)
            {
                throw reader.Error("field ids must be strictly increasing");
            }

            previous = id;
            fields.Add(new CandidField(id, null, ReadRef(ref reader, knots)));
        }

        return isRecord ? FieldsType.Record(fields) : FieldsType.Variant(fields);
    }

    private static FuncType ReadFunc(ref CandidReader reader, KnotType[] knots)
    {
        var args = ReadRefs(ref reader, knots);
        var results = ReadRefs(ref reader, knots);
        var modeCount = reader.ReadCount(elementsMayBeEmpty: false);
        var modes = new List<string>();
        for (var i = 0; i < modeCount; i++)
        {
            modes.Add(reader.ReadByte() switch
            {
                1 => "query",
                2 => "oneway",
                3 => "composite_query",
                var other => throw reader.Error($"unknown function annotation {other}"),
            });
        }

        return new FuncType(args, results, modes);
    }

    private static List<CandidType> ReadRefs(ref CandidReader reader, KnotType[] knots)
    {
        var count = reader.ReadCount(elementsMayBeEmpty: false);
        var list = new List<CandidType>((int)Math.Min(count, 256));
        for (var i = 0; i < count; i++)
        {
            list.Add(ReadRef(ref reader, knots));
        }

        return list;
    }

    private static CandidType ReadRef(ref CandidReader reader, KnotType[] knots)
    {
        var index = reader.ReadSlebInt32();
        if (index >= 0)
        {
            return index < knots.Length ? knots[index] : throw reader.Error($"type index {index} is outside the table");
        }

        return CandidType.Primitive(index) ?? throw reader.Error($"type opcode {index} is not a primitive type");
    }

    private static void CheckEntry(ref CandidReader reader, CandidType entry)
    {
        if (entry is ServiceType service && service.Methods.Any(m => m.Value.Resolve() is not FuncType))
        {
            throw reader.Error("a service method must have a function type");
        }

    }
}
