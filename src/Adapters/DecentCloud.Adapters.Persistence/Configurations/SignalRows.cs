namespace DecentCloud.Adapters.Persistence.Configurations;

/// <summary>One figure of a renter's benchmark submission (<c>external_benchmarks</c>); a submission is the rows sharing <see cref="SubmissionId"/>.</summary>
internal sealed class ExternalBenchmarkRow
{
    public Guid Id { get; set; }

    public Guid SubmissionId { get; set; }

    public Guid OfferingId { get; set; }

    public string ProviderId { get; set; } = string.Empty;

    public Guid AccountId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    public string YabsVersion { get; set; } = string.Empty;

    public DateTimeOffset RanAt { get; set; }

    public string Source { get; set; } = string.Empty;

    public string Category { get; set; } = string.Empty;

    public string Metric { get; set; } = string.Empty;

    public decimal Value { get; set; }

    public string Unit { get; set; } = string.Empty;

    /// <summary>Where within the run (an iperf location); empty for none, so the unique index treats it as a value.</summary>
    public string Context { get; set; } = string.Empty;
}

/// <summary>One imported figure of a public listing (<c>external_signals</c>).</summary>
internal sealed class ExternalSignalRow
{
    public Guid Id { get; set; }

    public string Source { get; set; } = string.Empty;

    public string ProviderId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string Metric { get; set; } = string.Empty;

    public decimal Value { get; set; }

    public string Unit { get; set; } = string.Empty;

    /// <summary>Empty for none, so the unique index treats it as a value.</summary>
    public string Context { get; set; } = string.Empty;

    public DateTimeOffset ObservedAt { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}

/// <summary>A source's last import (<c>external_signal_imports</c>): the row instances claim so one imports per interval.</summary>
internal sealed class ExternalSignalImportRow
{
    public string Source { get; set; } = string.Empty;

    public DateTimeOffset LastAttemptAt { get; set; }

    public DateTimeOffset? LastFinishedAt { get; set; }

    public int LastStored { get; set; }

    /// <summary>Why the last import failed, or <c>null</c> when it succeeded (or has not finished).</summary>
    public string? LastError { get; set; }
}
