namespace DecentCloud.Adapters.Persistence;

/// <summary>A nonce seen from an agent, kept for the acceptance window.</summary>
internal sealed class NonceRow
{
    public string AgentKey { get; set; } = string.Empty;

    public string Nonce { get; set; } = string.Empty;

    public long ForgetAfter { get; set; }
}
