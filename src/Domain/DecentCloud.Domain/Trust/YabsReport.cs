using System.Globalization;
using System.Text;
using System.Text.Json;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Trust;

/// <summary>One fio block size of a YABS run (<c>fio[]</c>): random 50/50 read/write, speeds in KB/s as fio reports them.</summary>
/// <param name="BlockSize"><c>4k</c>, <c>64k</c>, <c>512k</c> or <c>1m</c>.</param>
/// <param name="ReadKBps">Read speed in KB/s (<c>speed_r</c>).</param>
/// <param name="ReadIops">Read IOPS (<c>iops_r</c>).</param>
/// <param name="WriteKBps">Write speed in KB/s (<c>speed_w</c>).</param>
/// <param name="WriteIops">Write IOPS (<c>iops_w</c>).</param>
public sealed record YabsDiskResult(string BlockSize, decimal ReadKBps, decimal ReadIops, decimal WriteKBps, decimal WriteIops);

/// <summary>One iperf3 location of a YABS run (<c>iperf[]</c>); a speed is <c>null</c> when the server was busy.</summary>
/// <param name="Mode"><c>IPv4</c> or <c>IPv6</c>.</param>
/// <param name="Provider">Who runs the iperf server.</param>
/// <param name="Location">Where it is and its link speed, e.g. <c>London, UK (10G)</c>.</param>
/// <param name="SendMbps">Send speed in megabits per second, or <c>null</c> (busy).</param>
/// <param name="RecvMbps">Receive speed in megabits per second, or <c>null</c> (busy).</param>
public sealed record YabsNetworkResult(string Mode, string Provider, string Location, decimal? SendMbps, decimal? RecvMbps);

/// <summary>One Geekbench run of a YABS run (<c>geekbench[]</c>).</summary>
/// <param name="Version">Geekbench major version: 4, 5 or 6.</param>
/// <param name="Single">Single-core score.</param>
/// <param name="Multi">Multi-core score.</param>
/// <param name="Url">The public result page, or <c>null</c>.</param>
public sealed record YabsGeekbenchResult(int Version, int Single, int Multi, string? Url);

/// <summary>
/// The JSON document <c>yabs.sh -j</c> (Yet-Another-Bench-Script) prints: <c>version</c>, <c>time</c>, <c>os</c>,
/// <c>net</c>, <c>cpu</c>, <c>mem</c>, <c>ip_info</c>, <c>partition</c>, <c>fio[]</c>, <c>iperf[]</c>,
/// <c>geekbench[]</c>, <c>runtime</c>. Parsing is strict on the fields the platform reads (every bad one is reported,
/// by its JSON path) and tolerant of fields it does not read, so a newer YABS with an extra field still parses while
/// one that renamed or retyped a field fails loudly instead of yielding an empty result.
/// </summary>
public sealed class YabsReport
{
    /// <summary>Largest document accepted, in UTF-8 bytes (a full run with every test is about 3 KB).</summary>
    public const int MaxBytes = 32 * 1024;

    /// <summary>Most entries in one of the <c>fio</c>, <c>iperf</c> and <c>geekbench</c> arrays.</summary>
    public const int MaxEntries = 32;

    /// <summary>The error code of every parse failure.</summary>
    public const string ErrorCode = "invalid_benchmark";

    private static readonly string[] BlockSizes = ["4k", "64k", "512k", "1m"];

    private YabsReport(string version, DateTimeOffset ranAt, string? cpuModel, int? cores, long? ramKib,
        IReadOnlyList<YabsDiskResult> disk, IReadOnlyList<YabsNetworkResult> network, IReadOnlyList<YabsGeekbenchResult> geekbench)
    {
        Version = version;
        RanAt = ranAt;
        CpuModel = cpuModel;
        Cores = cores;
        RamKib = ramKib;
        Disk = disk;
        Network = network;
        Geekbench = geekbench;
    }

    /// <summary>The YABS version, e.g. <c>v2025-04-20</c>.</summary>
    public string Version { get; }

    /// <summary>When the run started: <c>runtime.start</c> when present, else <c>time</c> read as UTC.</summary>
    public DateTimeOffset RanAt { get; }

    /// <summary>The processor model (<c>cpu.model</c>), if reported.</summary>
    public string? CpuModel { get; }

    /// <summary>The processor count (<c>cpu.cores</c>), if reported.</summary>
    public int? Cores { get; }

    /// <summary>Memory in KiB (<c>mem.ram</c>), if reported.</summary>
    public long? RamKib { get; }

    /// <summary>The fio results, one per block size.</summary>
    public IReadOnlyList<YabsDiskResult> Disk { get; }

    /// <summary>The iperf3 results, one per location and mode.</summary>
    public IReadOnlyList<YabsNetworkResult> Network { get; }

    /// <summary>The Geekbench results, one per version run.</summary>
    public IReadOnlyList<YabsGeekbenchResult> Geekbench { get; }

    /// <summary>Parses a document; fails with one <see cref="ErrorCode"/> error per bad field, naming its path.</summary>
    public static Result<YabsReport> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Fail("the document is empty.");
        }

        if (Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            return Fail($"the document is larger than {MaxBytes} bytes.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            return Fail($"the document is not valid JSON ({ex.Message}).");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    /// <summary>Parses a document already read as JSON (an element of an imported listing).</summary>
    public static Result<YabsReport> Parse(JsonElement root) => Read(root);

    /// <summary>
    /// The run as benchmark records about <paramref name="subject"/>: Geekbench scores (CPU), fio read/write speed in
    /// MB/s and IOPS per block size (disk), iperf3 send/receive speed in Mbit/s per location (network; busy ones left out).
    /// </summary>
    public IReadOnlyList<ExternalBenchmark> ToBenchmarks(string source, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var list = new List<ExternalBenchmark>();
        void Add(BenchmarkCategory category, string metric, decimal value, string unit, string? context) =>
            list.Add(new ExternalBenchmark(source, subject, category, metric, value, unit, context, RanAt));

        foreach (var g in Geekbench)
        {
            Add(BenchmarkCategory.Cpu, $"geekbench{g.Version}_single", g.Single, "score", g.Url);
            Add(BenchmarkCategory.Cpu, $"geekbench{g.Version}_multi", g.Multi, "score", g.Url);
        }

        foreach (var d in Disk)
        {
            // fio's KB/s are 1000 bytes per second (YABS formats them with powers of 1000): MB/s is a division by 1000.
            Add(BenchmarkCategory.Disk, $"disk_read_{d.BlockSize}_mbps", Math.Round(d.ReadKBps / 1000m, 2), "mbps", null);
            Add(BenchmarkCategory.Disk, $"disk_write_{d.BlockSize}_mbps", Math.Round(d.WriteKBps / 1000m, 2), "mbps", null);
            Add(BenchmarkCategory.Disk, $"disk_read_{d.BlockSize}_iops", d.ReadIops, "iops", null);
            Add(BenchmarkCategory.Disk, $"disk_write_{d.BlockSize}_iops", d.WriteIops, "iops", null);
        }

        foreach (var n in Network)
        {
            var mode = n.Mode.ToLowerInvariant();
            var where = $"{n.Provider} {n.Location}";
            if (n.SendMbps is { } send)
            {
                Add(BenchmarkCategory.Network, $"iperf_{mode}_send_mbps", send, "mbps", where);
            }

            if (n.RecvMbps is { } recv)
            {
                Add(BenchmarkCategory.Network, $"iperf_{mode}_recv_mbps", recv, "mbps", where);
            }
        }

        return list;
    }

    private static Result<YabsReport> Read(JsonElement root)
    {
        var errors = new List<IError>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("the document must be a JSON object.");
        }

        var version = RequiredString(root, "version", "version", errors);
        if (version is not null && !version.StartsWith('v'))
        {
            errors.Add(Error("version must look like v2025-04-20."));
        }

        var time = RequiredString(root, "time", "time", errors);
        DateTimeOffset? ranAt = null;
        if (time is not null)
        {
            if (DateTime.TryParseExact(time, "yyyyMMdd-HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                // YABS writes the host's local time without a zone; runtime.start (epoch seconds) is exact when present.
                ranAt = new DateTimeOffset(local, TimeSpan.Zero);
            }
            else
            {
                errors.Add(Error("time must be yyyyMMdd-HHmmss."));
            }
        }

        if (OptionalObject(root, "runtime", "runtime", errors) is { } runtime && OptionalNumber(runtime, "start", "runtime.start", errors) is { } start)
        {
            if (start is < 946_684_800 or > 32_503_680_000)
            {
                errors.Add(Error("runtime.start must be a Unix time in seconds."));
            }
            else
            {
                ranAt = DateTimeOffset.FromUnixTimeSeconds((long)start);
            }
        }

        string? cpuModel = null;
        int? cores = null;
        if (OptionalObject(root, "cpu", "cpu", errors) is { } cpu)
        {
            cpuModel = OptionalString(cpu, "model", "cpu.model", errors);
            cores = (int?)OptionalInteger(cpu, "cores", "cpu.cores", 1, 100_000, errors);
        }

        long? ram = null;
        if (OptionalObject(root, "mem", "mem", errors) is { } mem)
        {
            ram = OptionalInteger(mem, "ram", "mem.ram", 0, long.MaxValue, errors);
            if (OptionalString(mem, "ram_units", "mem.ram_units", errors) is { } units && units != "KiB")
            {
                errors.Add(Error($"mem.ram_units must be KiB, not {Quote(units)}."));
            }
        }

        _ = OptionalObject(root, "os", "os", errors);
        var disk = ReadArray(root, "fio", errors, ReadDisk);
        var network = ReadArray(root, "iperf", errors, ReadNetwork);
        var geekbench = ReadArray(root, "geekbench", errors, ReadGeekbench);
        // Each test appears once per run; a repeated one would be two different figures for the same thing.
        Repeats(disk.Select(d => d.BlockSize), "fio", "block size", errors);
        Repeats(network.Select(n => $"{n.Mode} {n.Provider} {n.Location}"), "iperf", "mode, provider and location", errors);
        Repeats(geekbench.Select(g => g.Version.ToString(CultureInfo.InvariantCulture)), "geekbench", "version", errors);
        if (errors.Count == 0 && disk.Count + network.Count + geekbench.Count == 0)
        {
            errors.Add(Error("the document has no fio, iperf or geekbench result."));
        }

        return errors.Count > 0
            ? Result.Fail<YabsReport>(errors)
            : new YabsReport(version!, ranAt!.Value, cpuModel, cores, ram, disk, network, geekbench);
    }

    private static void Repeats(IEnumerable<string> keys, string name, string what, List<IError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys.Where(k => !seen.Add(k)).Distinct(StringComparer.Ordinal))
        {
            errors.Add(Error($"{name} repeats the {what} {Quote(key)}."));
        }
    }

    private static YabsDiskResult? ReadDisk(JsonElement e, string path, List<IError> errors)
    {
        var bs = RequiredString(e, "bs", $"{path}.bs", errors);
        if (bs is not null && !BlockSizes.Contains(bs, StringComparer.Ordinal))
        {
            errors.Add(Error($"{path}.bs must be one of 4k, 64k, 512k, 1m, not {Quote(bs)}."));
        }

        var readSpeed = RequiredNumber(e, "speed_r", $"{path}.speed_r", errors);
        var readIops = RequiredNumber(e, "iops_r", $"{path}.iops_r", errors);
        var writeSpeed = RequiredNumber(e, "speed_w", $"{path}.speed_w", errors);
        var writeIops = RequiredNumber(e, "iops_w", $"{path}.iops_w", errors);
        _ = OptionalNumber(e, "speed_rw", $"{path}.speed_rw", errors);
        _ = OptionalNumber(e, "iops_rw", $"{path}.iops_rw", errors);
        var units = RequiredString(e, "speed_units", $"{path}.speed_units", errors);
        if (units is not null && units != "KBps")
        {
            errors.Add(Error($"{path}.speed_units must be KBps, not {Quote(units)}."));
        }

        return bs is null || readSpeed is null || readIops is null || writeSpeed is null || writeIops is null
            ? null
            : new YabsDiskResult(bs, readSpeed.Value, readIops.Value, writeSpeed.Value, writeIops.Value);
    }

    private static YabsNetworkResult? ReadNetwork(JsonElement e, string path, List<IError> errors)
    {
        var mode = RequiredString(e, "mode", $"{path}.mode", errors);
        if (mode is not null && mode is not ("IPv4" or "IPv6"))
        {
            errors.Add(Error($"{path}.mode must be IPv4 or IPv6, not {Quote(mode)}."));
        }

        var provider = RequiredString(e, "provider", $"{path}.provider", errors);
        var location = RequiredString(e, "loc", $"{path}.loc", errors);
        var send = Speed(RequiredString(e, "send", $"{path}.send", errors), $"{path}.send", errors);
        var recv = Speed(RequiredString(e, "recv", $"{path}.recv", errors), $"{path}.recv", errors);
        _ = OptionalString(e, "latency", $"{path}.latency", errors);
        return mode is null || provider is null || location is null || send.Bad || recv.Bad
            ? null
            : new YabsNetworkResult(mode, provider, location, send.Mbps, recv.Mbps);
    }

    private static YabsGeekbenchResult? ReadGeekbench(JsonElement e, string path, List<IError> errors)
    {
        var version = RequiredInteger(e, "version", $"{path}.version", 4, 6, errors);
        var single = RequiredInteger(e, "single", $"{path}.single", 1, 1_000_000, errors);
        var multi = RequiredInteger(e, "multi", $"{path}.multi", 1, 10_000_000, errors);
        var url = OptionalString(e, "url", $"{path}.url", errors);
        return version is null || single is null || multi is null ? null : new YabsGeekbenchResult((int)version, (int)single, (int)multi, url);
    }

    /// <summary>An iperf speed as YABS prints it: <c>"940 Mbits/sec"</c>, <c>"1.23 Gbits/sec"</c>, or <c>"busy "</c>.</summary>
    private static (decimal? Mbps, bool Bad) Speed(string? text, string path, List<IError> errors)
    {
        if (text is null)
        {
            return (null, true);
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is ["busy"])
        {
            return (null, false);
        }

        var factor = parts.Length == 2 ? parts[1] switch
        {
            "bits/sec" => 0.000001m,
            "Kbits/sec" => 0.001m,
            "Mbits/sec" => 1m,
            "Gbits/sec" => 1000m,
            "Tbits/sec" => 1_000_000m,
            _ => (decimal?)null,
        } : null;
        if (factor is null || !decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(Error($"{path} must be a speed such as \"940 Mbits/sec\" or \"busy\", not {Quote(text)}."));
            return (null, true);
        }

        return (Math.Round(value * factor.Value, 3), false);
    }

    private static List<T> ReadArray<T>(JsonElement root, string name, List<IError> errors, Func<JsonElement, string, List<IError>, T?> read)
        where T : class
    {
        var list = new List<T>();
        if (!root.TryGetProperty(name, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return list;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(Error($"{name} must be an array."));
            return list;
        }

        if (array.GetArrayLength() > MaxEntries)
        {
            errors.Add(Error($"{name} has more than {MaxEntries} entries."));
            return list;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(Error($"{path} must be an object."));
                continue;
            }

            if (read(item, path, errors) is { } value)
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static JsonElement? OptionalObject(JsonElement parent, string name, string path, List<IError> errors)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(Error($"{path} must be an object."));
            return null;
        }

        return value;
    }

    private static string? RequiredString(JsonElement parent, string name, string path, List<IError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            errors.Add(Error($"{path} is missing."));
            return null;
        }

        return StringOf(value, path, errors);
    }

    private static string? OptionalString(JsonElement parent, string name, string path, List<IError> errors) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? StringOf(value, path, errors) : null;

    private static string? StringOf(JsonElement value, string path, List<IError> errors)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(Error($"{path} must be a string."));
            return null;
        }

        var text = value.GetString()!;
        if (text.Length > 512 || text.Any(char.IsControl))
        {
            errors.Add(Error($"{path} must be at most 512 characters without control characters."));
            return null;
        }

        return text;
    }

    private static decimal? RequiredNumber(JsonElement parent, string name, string path, List<IError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            errors.Add(Error($"{path} is missing."));
            return null;
        }

        return NumberOf(value, path, errors);
    }

    private static decimal? OptionalNumber(JsonElement parent, string name, string path, List<IError> errors) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? NumberOf(value, path, errors) : null;

    private static decimal? NumberOf(JsonElement value, string path, List<IError> errors)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number < 0)
        {
            errors.Add(Error($"{path} must be a non-negative number."));
            return null;
        }

        return number;
    }

    private static long? RequiredInteger(JsonElement parent, string name, string path, long min, long max, List<IError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            errors.Add(Error($"{path} is missing."));
            return null;
        }

        return IntegerOf(value, path, min, max, errors);
    }

    private static long? OptionalInteger(JsonElement parent, string name, string path, long min, long max, List<IError> errors) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? IntegerOf(value, path, min, max, errors) : null;

    private static long? IntegerOf(JsonElement value, string path, long min, long max, List<IError> errors)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
        {
            errors.Add(Error($"{path} must be an integer from {min} to {max}."));
            return null;
        }

        return number;
    }

    private static string Quote(string text) => $"\"{(text.Length > 40 ? text[..40] + "…" : text)}\"";

    private static DomainError Error(string message) => DomainError.Invalid(ErrorCode, message);

    private static Result<YabsReport> Fail(string message) => Result.Fail<YabsReport>(Error(message));
}
