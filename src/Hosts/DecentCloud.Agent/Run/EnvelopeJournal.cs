using System.Text.Json;
using DecentCloud.Agent.Common;

namespace DecentCloud.Agent.Run;

/// <summary>
/// Sealed credentials written before a machine is created and removed once the API has them, so that an
/// agent restarted after a crash uploads the envelope of the password the machine really has. Only
/// ciphertext is written; the agent itself cannot open it.
/// </summary>
internal sealed class EnvelopeJournal(string stateDir)
{
    private string Folder => Path.Combine(stateDir, "sealed-credentials");

    public void Save(string contractId, string envelope)
    {
        Directory.CreateDirectory(Folder);
        SafeFile.WriteAtomically(PathOf(contractId), envelope, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    public string? Load(string contractId)
    {
        var path = PathOf(contractId);
        if (!File.Exists(path))
        {
            return null;
        }

        var text = File.ReadAllText(path);
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

    public void Remove(string contractId) => File.Delete(PathOf(contractId));

    private string PathOf(string contractId) => Path.Combine(Folder, contractId + ".json");
}
