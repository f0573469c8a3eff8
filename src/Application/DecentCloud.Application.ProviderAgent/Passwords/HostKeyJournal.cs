using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Application.ProviderAgent.Passwords;

/// <summary>
/// The SSH host key of each contract's machine, recorded right after provisioning (trust on first use) in the agent's
/// local state, so that a password reset only ever talks to the machine that was provisioned.
/// </summary>
public sealed class HostKeyJournal(IEnvelopeStore store)
{
    /// <summary>Records (or replaces, for a new machine) the host key of a contract's machine.</summary>
    public void Record(string contractId, string hostKey) => store.Write(Key(contractId), hostKey);

    /// <summary>The recorded host key, or <c>null</c>.</summary>
    public string? Recorded(string contractId) => store.Read(Key(contractId)) is { Length: > 0 } text ? text.Trim() : null;

    // Contract ids are hex, so this key never meets another journal's entry.
    private static string Key(string contractId) => "hostkey-" + contractId;
}
