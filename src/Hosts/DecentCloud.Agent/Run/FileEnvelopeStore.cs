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

    // Contract ids are hex; anything else must not name a path outside the folder.
    private string PathOf(string contractId) =>
        contractId.All(Uri.IsHexDigit) ? Path.Combine(Folder, contractId + ".json") : throw new ArgumentException($"'{contractId}' is not a contract id.", nameof(contractId));
}
