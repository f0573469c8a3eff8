using System.Text.Json.Nodes;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Trust;

namespace DecentCloud.Domain.Tests;

/// <summary>The yabs.sh -j parser on documents in YABS's own format: every figure read, every bad field named, nothing on a bad document.</summary>
public class YabsReportTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Yabs", name));

    private static string[] Messages(FluentResults.Result<YabsReport> result) =>
        [.. result.Errors.Select(e => { Assert.Equal(YabsReport.ErrorCode, ((DomainError)e).Code); return e.Message; })];

    [Fact]
    public void A_full_run_is_read_field_by_field()
    {
        var report = YabsReport.Parse(Fixture("yabs-full.json")).Value;
        Assert.Equal("v2025-04-20", report.Version);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796033700), report.RanAt);
        Assert.Equal("AMD EPYC 7763 64-Core Processor", report.CpuModel);
        Assert.Equal(4, report.Cores);
        Assert.Equal(8138312, report.RamKib);
        Assert.Equal(["4k", "64k", "512k", "1m"], report.Disk.Select(d => d.BlockSize));
        Assert.Equal(new YabsDiskResult("4k", 187012, 46753, 187508, 46877), report.Disk[0]);
        Assert.Equal(3, report.Network.Count);
        Assert.Equal(new YabsNetworkResult("IPv4", "Clouvider", "London, UK (10G)", 1820m, 940m), report.Network[0]);
        Assert.Equal(new YabsNetworkResult("IPv4", "Scaleway", "Paris, FR (10G)", null, 2050m), report.Network[1]);
        Assert.Equal(new YabsGeekbenchResult(6, 1680, 5730, "https://browser.geekbench.com/v6/cpu/1234567"), Assert.Single(report.Geekbench));
    }

    [Fact]
    public void A_full_run_becomes_cpu_disk_and_network_benchmarks()
    {
        var offering = Guid.NewGuid().ToString();
        var benchmarks = YabsReport.Parse(Fixture("yabs-full.json")).Value.ToBenchmarks("yabs", offering);
        Assert.All(benchmarks, b => Assert.Equal(("yabs", offering, DateTimeOffset.FromUnixTimeSeconds(1796033700)), (b.Source, b.Subject, b.ObservedAt)));
        Assert.Equal(2, benchmarks.Count(b => b.Category == BenchmarkCategory.Cpu));
        Assert.Equal(16, benchmarks.Count(b => b.Category == BenchmarkCategory.Disk));
        Assert.Equal(5, benchmarks.Count(b => b.Category == BenchmarkCategory.Network)); // the busy send is left out
        Assert.Equal(1680m, benchmarks.Single(b => b.Metric == "geekbench6_single").Value);
        Assert.Equal(5730m, benchmarks.Single(b => b.Metric == "geekbench6_multi").Value);
        Assert.Equal(187.51m, benchmarks.Single(b => b.Metric == "disk_write_4k_mbps").Value);
        Assert.Equal(1854.32m, benchmarks.Single(b => b.Metric == "disk_read_1m_mbps").Value);
        Assert.Equal(46753m, benchmarks.Single(b => b.Metric == "disk_read_4k_iops").Value);
        var recv = benchmarks.Where(b => b.Metric == "iperf_ipv4_recv_mbps").ToList();
        Assert.Equal([940m, 2050m], recv.Select(b => b.Value));
        Assert.Equal("Clouvider London, UK (10G)", recv[0].Context);
        Assert.Equal(870m, benchmarks.Single(b => b.Metric == "iperf_ipv6_recv_mbps").Value);
    }

    [Fact]
    public void A_minimal_run_needs_only_version_time_and_one_result()
    {
        var report = YabsReport.Parse(Fixture("yabs-minimal.json")).Value;
        Assert.Equal(new DateTimeOffset(2023, 5, 1, 8, 30, 0, TimeSpan.Zero), report.RanAt);
        Assert.Null(report.Cores);
        Assert.Empty(report.Disk);
        Assert.Empty(report.Network);
        Assert.Equal(["geekbench5_single", "geekbench5_multi"], report.ToBenchmarks("yabs", "o").Select(b => b.Metric));
    }

    [Fact]
    public void Fields_YABS_may_add_are_ignored()
    {
        var doc = JsonNode.Parse(Fixture("yabs-minimal.json"))!.AsObject();
        doc["gpu"] = new JsonObject { ["model"] = "none" };
        doc["geekbench"]![0]!.AsObject()["claim"] = "https://browser.geekbench.com/claim";
        Assert.True(YabsReport.Parse(doc.ToJsonString()).IsSuccess);
    }

    [Fact]
    public void Missing_fields_are_each_named()
    {
        var doc = JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc.Remove("version");
        doc["fio"]![1]!.AsObject().Remove("iops_w");
        doc["iperf"]![0]!.AsObject().Remove("recv");
        doc["geekbench"]![0]!.AsObject().Remove("multi");
        var result = YabsReport.Parse(doc.ToJsonString());
        Assert.Equal(["version is missing.", "fio[1].iops_w is missing.", "iperf[0].recv is missing.", "geekbench[0].multi is missing."], Messages(result));
    }

    [Fact]
    public void Wrong_types_are_each_named()
    {
        var doc = JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc["time"] = 20261130;
        doc["cpu"]!["cores"] = "4";
        doc["fio"]![0]!["speed_r"] = "187012";
        doc["fio"]![2]!["iops_r"] = -1;
        doc["iperf"]![2]!["send"] = 1750;
        doc["geekbench"]![0]!["single"] = 16.8;
        var result = YabsReport.Parse(doc.ToJsonString());
        Assert.Equal(
            ["time must be a string.", "cpu.cores must be an integer from 1 to 100000.", "fio[0].speed_r must be a non-negative number.",
             "fio[2].iops_r must be a non-negative number.", "iperf[2].send must be a string.", "geekbench[0].single must be an integer from 1 to 1000000."],
            Messages(result));
    }

    [Fact]
    public void A_changed_structure_fails_loudly_instead_of_parsing_empty()
    {
        var doc = JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc["fio"] = new JsonObject { ["results"] = new JsonArray() };        // an array became an object
        doc["iperf"]![0]!["send"] = "1.82 Gibibits per second";               // a unit YABS never printed
        doc["fio_units"] = "MBps";
        doc["geekbench"]![0]!["version"] = 7;                                 // a Geekbench the format does not know
        var result = YabsReport.Parse(doc.ToJsonString());
        Assert.Equal(
            ["fio must be an array.", "iperf[0].send must be a speed such as \"940 Mbits/sec\" or \"busy\", not \"1.82 Gibibits per second\".",
             "geekbench[0].version must be an integer from 4 to 6."],
            Messages(result));
    }

    [Fact]
    public void Changed_block_size_and_units_are_refused()
    {
        var doc = JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc["fio"]![0]!["bs"] = "8k";
        doc["fio"]![1]!["speed_units"] = "MBps";
        doc["mem"]!["ram_units"] = "MiB";
        Assert.Equal(
            ["mem.ram_units must be KiB, not \"MiB\".", "fio[0].bs must be one of 4k, 64k, 512k, 1m, not \"8k\".", "fio[1].speed_units must be KBps, not \"MBps\"."],
            Messages(YabsReport.Parse(doc.ToJsonString())));
    }

    [Theory]
    [InlineData("", "the document is empty.")]
    [InlineData("[1,2]", "the document must be a JSON object.")]
    [InlineData("{\"version\":\"v2025-04-20\",\"time\":\"20250101-000000\"}", "the document has no fio, iperf or geekbench result.")]
    [InlineData("{\"version\":\"v2025-04-20\",\"time\":\"2025-01-01\",\"geekbench\":[]}", "time must be yyyyMMdd-HHmmss.")]
    [InlineData("{\"version\":\"2025\",\"time\":\"20250101-000000\",\"geekbench\":[{\"version\":6,\"single\":1,\"multi\":1}]}", "version must look like v2025-04-20.")]
    public void Bad_documents_are_refused_with_a_reason(string json, string message) =>
        Assert.Equal([message], Messages(YabsReport.Parse(json)));

    [Fact]
    public void Invalid_json_is_refused()
    {
        // What YABS prints when a Geekbench score could not be scraped: "single":, (no value).
        var result = YabsReport.Parse("{\"version\":\"v2025-04-20\",\"time\":\"20250101-000000\",\"geekbench\":[{\"version\":6,\"single\":,\"multi\":5}]}");
        Assert.StartsWith("the document is not valid JSON", Assert.Single(Messages(result)));
    }

    [Fact]
    public void The_size_limit_holds_at_its_edge()
    {
        var minimal = Fixture("yabs-minimal.json").Trim();
        string Padded(int bytes) => minimal[..^1] + ",\"pad\":\"" + new string('x', bytes - minimal.Length - 9) + "\"}";
        Assert.Equal(YabsReport.MaxBytes, System.Text.Encoding.UTF8.GetByteCount(Padded(YabsReport.MaxBytes)));
        Assert.True(YabsReport.Parse(Padded(YabsReport.MaxBytes)).IsSuccess);
        Assert.Equal(["the document is larger than 32768 bytes."], Messages(YabsReport.Parse(Padded(YabsReport.MaxBytes + 1))));
    }

    [Fact]
    public void A_repeated_test_is_refused()
    {
        var doc = JsonNode.Parse(Fixture("yabs-full.json"))!.AsObject();
        doc["fio"]!.AsArray().Add(doc["fio"]![0]!.DeepClone());
        doc["iperf"]!.AsArray().Add(doc["iperf"]![1]!.DeepClone());
        doc["geekbench"]!.AsArray().Add(doc["geekbench"]![0]!.DeepClone());
        Assert.Equal(
            ["fio repeats the block size \"4k\".", "iperf repeats the mode, provider and location \"IPv4 Scaleway Paris, FR (10G)\".", "geekbench repeats the version \"6\"."],
            Messages(YabsReport.Parse(doc.ToJsonString())));
    }

    [Fact]
    public void Too_many_entries_are_refused()
    {
        var doc = JsonNode.Parse(Fixture("yabs-minimal.json"))!.AsObject();
        var many = new JsonArray();
        for (var i = 0; i <= YabsReport.MaxEntries; i++)
        {
            many.Add(new JsonObject { ["version"] = 6, ["single"] = 1, ["multi"] = 1 });
        }

        doc["geekbench"] = many;
        Assert.Equal(["geekbench has more than 32 entries."], Messages(YabsReport.Parse(doc.ToJsonString())));
    }
}
