using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Gateway;

/// <summary>
/// Forwards the gateway's public SSH ports to the VMs with nftables: each change rebuilds the agent's own table from the
/// whole set (<see cref="NftablesRuleset"/>) in one <c>nft -f</c> transaction, so nft either takes all of it or nothing.
/// Calls are expected one at a time (the caller holds the set); concurrent calls each apply their own whole set.
/// </summary>
internal sealed class NftablesPortForwarder(NftablesOptions options) : IPortForwarder
{
    // nft prints the refused line with a caret under it; the last lines carry the reason without flooding the log.
    private const int ReasonLines = 6;

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyCollection<PortForward> forwards, CancellationToken cancellationToken) =>
        await RunAsync(["-f", "-"], NftablesRuleset.Render(options, forwards), "refused the SSH forwards (the previous rules stay)", cancellationToken);

    /// <summary>Asks nft whether it would accept the ruleset for <paramref name="forwards"/> (<c>nft -c</c>), changing nothing.</summary>
    public async Task CheckAsync(IReadOnlyCollection<PortForward> forwards, CancellationToken cancellationToken) =>
        await RunAsync(["-c", "-f", "-"], NftablesRuleset.Render(options, forwards), "would refuse the SSH forwards", cancellationToken);

    private async Task RunAsync(string[] arguments, string script, string failure, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.NftPath)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GatewayException($"{options.NftPath} could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new GatewayException(
                $"{options.NftPath} could not be run ({e.Message}): install the nftables package, or set gateway.sshForwarding.nftPath.", e);
        }

        using (process)
        {
            try
            {
                var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.StandardInput.WriteAsync(script.AsMemory(), cancellationToken);
                process.StandardInput.Close();
                await process.WaitForExitAsync(cancellationToken);
                await stdout;
                var reason = await stderr;
                if (process.ExitCode != 0)
                {
                    throw new GatewayException(
                        $"nft {failure} (exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {LastLines(reason)}");
                }
            }
            catch (OperationCanceledException)
            {
                // nft commits its transaction whole or not at all, so stopping it midway leaves either set of rules.
                StopQuietly(process);
                throw;
            }
            catch (IOException e)
            {
                // nft exited before reading the whole script (a broken pipe): its own exit code and message say why.
                await process.WaitForExitAsync(CancellationToken.None);
                throw new GatewayException($"nft {failure} (exit {process.ExitCode.ToString(CultureInfo.InvariantCulture)}): {e.Message}", e);
            }
        }
    }

    private static void StopQuietly(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
    }

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "(no message)" : string.Join(" | ", lines.TakeLast(ReasonLines));
    }
}
