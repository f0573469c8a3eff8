namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// Durable storage of the agent's journal entries by key (a contract id, or a journal's prefix and a contract id: sealed
/// envelopes, reset envelopes, recorded host keys); a write is whole or absent after a crash.
/// </summary>
public interface IEnvelopeStore
{
    /// <summary>Stores <paramref name="envelope"/> under <paramref name="contractId"/>, replacing any earlier one.</summary>
    void Write(string contractId, string envelope);

    /// <summary>The stored text, or <c>null</c>.</summary>
    string? Read(string contractId);

    /// <summary>Removes the entry; a missing one is fine.</summary>
    void Delete(string contractId);
}
