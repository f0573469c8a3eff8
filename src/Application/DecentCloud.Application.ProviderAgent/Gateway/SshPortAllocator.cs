namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>Hands out public SSH ports from a range: the lowest one no contract holds, so a released port is the next one reused.</summary>
public static class SshPortAllocator
{
    /// <summary>The lowest port of <paramref name="first"/>..<paramref name="last"/> not in <paramref name="held"/>, or <c>null</c> when every one is held.</summary>
    public static int? Next(int first, int last, IEnumerable<int> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        var taken = held.ToHashSet();
        for (var port = first; port <= last; port++)
        {
            if (!taken.Contains(port))
            {
                return port;
            }
        }

        return null;
    }
}
