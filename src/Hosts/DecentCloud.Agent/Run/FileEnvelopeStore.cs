using DecentCloud.Agent.Common;
using DecentCloud.Application.ProviderAgent.Provisioning;

namespace DecentCloud.Agent.Run;

/// <summary>Sealed envelopes as files under <c>{stateDir}/sealed-credentials</c>, written atomically, owner-only.</summary>
internal sealed class FileEnvelopeStore(string stateDir) : IEnvelopeStore
{
    private string Folder => Path.Combine(stateDir, "sealed-credentials");

    public void Write(string contractId, string envelope)
    {
        Directory.CreateDirectory(Folder);
        SafeFile.WriteAtomically(PathOf(contractId), envelope, SafeFile.Mode600);
    }

    public string? Read(string contractId)
    {
        var path = PathOf(contractId);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }

    public void Delete(string contractId) => File.Delete(PathOf(contractId));

    // Keys are contract ids (hex) or a journal's prefix and one ([a-z0-9-]): nothing that could name a path outside the folder.
    private string PathOf(string contractId) =>
        contractId.Length is > 0 and <= 128 && contractId.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'F' or >= '0' and <= '9' or '-')
            ? Path.Combine(Folder, contractId + ".json")
            : throw new ArgumentException($"'{contractId}' is not a contract id.", nameof(contractId));
}
