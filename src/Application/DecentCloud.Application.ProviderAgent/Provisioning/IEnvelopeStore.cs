namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>Durable storage of sealed envelopes by contract id; a write is whole or absent after a crash.</summary>
public interface IEnvelopeStore
{
    /// <summary>Stores <paramref name="envelope"/> under <paramref name="contractId"/>, replacing any earlier one.</summary>
    void Write(string contractId, string envelope);

    /// <summary>The stored text, or <c>null</c>.</summary>
    string? Read(string contractId);

    /// <summary>Removes the entry; a missing one is fine.</summary>
    void Delete(string contractId);
}
