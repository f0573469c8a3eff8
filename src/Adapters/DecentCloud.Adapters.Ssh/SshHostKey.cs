using Renci.SshNet;
using Renci.SshNet.Common;

namespace DecentCloud.Adapters.Ssh;

/// <summary>The textual host key form both sides share: <c>{algorithm} SHA256:{base64 without padding}</c>, as <c>ssh-keygen -l</c> prints it.</summary>
internal static class SshHostKey
{
    public static string Describe(HostKeyEventArgs presented) => $"{presented.HostKeyName} SHA256:{presented.FingerPrintSHA256.TrimEnd('=')}";

    /// <summary>The algorithm of a recorded key, or <c>null</c> when the text is not in the recorded form.</summary>
    public static string? AlgorithmOf(string recorded)
    {
        var parts = recorded.Split(' ');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].StartsWith("SHA256:", StringComparison.Ordinal) ? parts[0] : null;
    }

    /// <summary>Leaves only <paramref name="algorithm"/> to negotiate, so the machine must show the very kind of key that was recorded.</summary>
    public static void Only(ConnectionInfo connection, string algorithm)
    {
        foreach (var other in connection.HostKeyAlgorithms.Keys.Where(name => name != algorithm).ToList())
        {
            connection.HostKeyAlgorithms.Remove(other);
        }
    }
}
