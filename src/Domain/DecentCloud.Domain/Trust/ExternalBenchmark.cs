namespace DecentCloud.Domain.Trust;

/// <summary>What part of a machine a benchmark measured.</summary>
public enum BenchmarkCategory
{
    /// <summary>Processor (Geekbench single- and multi-core scores).</summary>
    Cpu,
    /// <summary>Disk (fio random read/write speed and IOPS per block size).</summary>
    Disk,
    /// <summary>Network (iperf3 send and receive speed per test location).</summary>
    Network,
}

/// <summary>
/// One measured figure about a provider's plan from outside the platform's own probes: a renter's YABS run or an
/// imported public listing. A signal shown beside the score, never part of it.
/// </summary>
/// <param name="Source">Where it comes from: <c>yabs</c> (a renter's submission) or an importer's name.</param>
/// <param name="Subject">What it is about: an offering id, a provider id, or a plan name of an external listing.</param>
/// <param name="Category">CPU, disk or network.</param>
/// <param name="Metric">E.g. <c>geekbench6_single</c>, <c>disk_write_4k_mbps</c>, <c>iperf_ipv4_recv_mbps</c>.</param>
/// <param name="Value">The figure.</param>
/// <param name="Unit"><c>score</c>, <c>mbps</c> (megabytes per second for disks, megabits for networks) or <c>iops</c>.</param>
/// <param name="Context">Where within the run it was measured (an iperf location), or <c>null</c>.</param>
/// <param name="ObservedAt">When the benchmark ran.</param>
public sealed record ExternalBenchmark(
    string Source,
    string Subject,
    BenchmarkCategory Category,
    string Metric,
    decimal Value,
    string Unit,
    string? Context,
    DateTimeOffset ObservedAt);
