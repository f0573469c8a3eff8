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

/// <summary>A nonce seen from an agent, kept for the acceptance window.</summary>
internal sealed class NonceRow
{
    public string AgentKey { get; set; } = string.Empty;

    public string Nonce { get; set; } = string.Empty;

    public long ForgetAfter { get; set; }
}
