using System.Text.Json;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// Sealed credentials written before a machine is created and removed once the API has them, so that an
/// agent restarted after a crash uploads the envelope of the password the machine really has. Only
/// ciphertext is written; the agent itself cannot open it.
/// </summary>
public sealed class EnvelopeJournal(IEnvelopeStore store)
{
    /// <summary>Journals the envelope of the password a machine is about to be created with.</summary>
    public void Save(string contractId, string envelope) => store.Write(contractId, envelope);

    /// <summary>The journaled envelope, or <c>null</c> when there is none or it is unreadable (torn by a crash).</summary>
    public string? Load(string contractId)
    {
        var text = store.Read(contractId);
        if (text is null)
        {
            return null;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
            return text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Forgets the envelope once the API holds it.</summary>
    public void Remove(string contractId) => store.Delete(contractId);
}
