namespace DecentCloud.Adapters.Persistence;

/// <summary>A stored audit entry.</summary>
internal sealed class AuditRow
{
    public long Id { get; set; }

    public long At { get; set; }

    public string Action { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public string Actor { get; set; } = string.Empty;

    public string Subject { get; set; } = string.Empty;

    public string? ClientAddress { get; set; }
}
