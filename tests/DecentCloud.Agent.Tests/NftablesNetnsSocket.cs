using System.ComponentModel;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// Opens a TCP socket inside a named network namespace: a socket keeps the namespace it was created in, so only its
/// creation runs on a short-lived thread moved there with setns(2); binding, connecting and I/O then work from anywhere.
/// </summary>
internal static class NftablesNetnsSocket
{
    private const int CloneNewNet = 0x40000000;

    public static Socket Create(string netns)
    {
        Socket? socket = null;
        Exception? error = null;
        // A thread of its own that does nothing else and then ends, so no other work ever runs in the namespace.
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{netns}");
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), $"setns into {netns}");
                }

                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            }
            catch (Exception e) when (e is IOException or Win32Exception or SocketException or UnauthorizedAccessException)
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        return socket ?? throw new InvalidOperationException($"no socket in network namespace {netns} (the tests run as root)", error);
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetNs(int fd, int nstype);
}
