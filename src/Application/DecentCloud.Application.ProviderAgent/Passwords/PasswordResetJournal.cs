using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>
/// The sealed envelope of a reset's new password, written before the machine's password is changed and marked once
/// the change succeeded, so that a crash never leaves a password nobody can read: after a restart, a reset whose
/// change is recorded uploads that envelope; one whose change is not recorded is done again with a fresh password
/// (the machine then ends with the password of the envelope that is uploaded). Only ciphertext is written.
/// </summary>
public sealed class PasswordResetJournal(IEnvelopeStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Journals the envelope of a new password before it is set.</summary>
    public void Sealed(string contractId, DateTimeOffset requestedAt, string envelope) =>
        store.Write(Key(contractId), JsonSerializer.Serialize(new Entry(requestedAt, envelope, Changed: false), Json));

    /// <summary>Records that the machine now has the journaled password.</summary>
    public void Changed(string contractId, DateTimeOffset requestedAt, string envelope) =>
        store.Write(Key(contractId), JsonSerializer.Serialize(new Entry(requestedAt, envelope, Changed: true), Json));

    /// <summary>The envelope of a password already set on the machine for this very request, or <c>null</c>.</summary>
    public string? ChangedEnvelope(string contractId, DateTimeOffset requestedAt)
    {
        var text = store.Read(Key(contractId));
        if (text is null)
        {
            return null;
        }

        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(text, Json);
            return entry is { Changed: true } && entry.RequestedAt == requestedAt ? entry.Envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Forgets the reset once the API has its outcome.</summary>
    public void Remove(string contractId) => store.Delete(Key(contractId));

    // Contract ids are hex, so this key never meets a provisioning journal entry.
    private static string Key(string contractId) => "reset-" + contractId;

    private sealed record Entry(DateTimeOffset RequestedAt, string Envelope, bool Changed);
}
