using System.Globalization;
using System.Text;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Gateway;

/// <summary>
/// Renders the agent's whole nftables table for a set of SSH forwards, as one <c>nft -f</c> script: it creates the table
/// if missing, deletes it and defines it again, so applying it twice gives the same rules and a refused script (nft
/// applies a file as one transaction) leaves the previous ones in place.
/// </summary>
internal static class NftablesRuleset
{
    // nft refuses longer comments; the id is only a note for the operator, so a cut one still serves.
    private const int MaxCommentLength = 128;

    /// <summary>
    /// The script for exactly <paramref name="forwards"/> (ordered by public port). Every value is checked first, as
    /// nothing that comes from a contract or a backend may reach nft as syntax: a bad entry is a
    /// <see cref="GatewayException"/> naming it.
    /// </summary>
    public static string Render(NftablesOptions options, IReadOnlyCollection<PortForward> forwards)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(forwards);
        try
        {
            options.Validate();
        }
        catch (InvalidDataException e)
        {
            throw new GatewayException(e.Message, e);
        }

        var ordered = Check(forwards);
        var table = $"ip {options.Table}";
        var script = new StringBuilder()
            .Append("# dc-agent's SSH forwards: generated, and rebuilt whole on every change (edits here are lost).\n")
            .Append(CultureInfo.InvariantCulture, $"table {table} {{}}\n")
            .Append(CultureInfo.InvariantCulture, $"delete table {table}\n");
        if (ordered.Count == 0)
        {
            // No chains at all: no hook stays registered, so no packet pays for an idle table.
            return script.Append(CultureInfo.InvariantCulture, $"table {table} {{}}\n").ToString();
        }

        // Without a public address, "an address of this host" rather than "any address": a port-only match would also
        // catch connections the VMs make through the gateway to that port elsewhere.
        var destination = options.PublicAddress is { } address ? $"ip daddr {address}" : "fib daddr type local";
        script.Append(CultureInfo.InvariantCulture, $"table {table} {{\n");

        script.Append("  chain prerouting {\n    type nat hook prerouting priority dstnat; policy accept;\n");
        foreach (var forward in ordered)
        {
            script.Append(CultureInfo.InvariantCulture, $"    {destination} {Dnat(forward)}\n");
        }

        // Connections made on the gateway host itself (ssh -p PORT to its public address) pass output, not prerouting.
        script.Append("  }\n  chain output {\n    type nat hook output priority -100; policy accept;\n");
        foreach (var forward in ordered)
        {
            script.Append(CultureInfo.InvariantCulture, $"    {destination} {Dnat(forward)}\n");
        }

        // Masquerading makes the VM answer the gateway, whatever its default route; matching the original port keeps
        // other tables' DNAT (Docker's published ports) untouched.
        script.Append("  }\n  chain postrouting {\n    type nat hook postrouting priority srcnat; policy accept;\n");
        foreach (var forward in ordered)
        {
            script.Append(CultureInfo.InvariantCulture,
                $"    ip daddr {forward.VmAddress} tcp dport {forward.VmPort} ct original proto-dst {forward.PublicPort} ct status dnat masquerade {Comment(forward)}\n");
        }

        return script
            .Append("  }\n  chain forward {\n    type filter hook forward priority filter; policy accept;\n")
            .Append("    # An accept ends this chain only: a drop in another table (the provider's firewall) still drops the packet,\n")
            .Append("    # so a firewall on this host must allow the forwarded connections itself.\n")
            .Append("    ct status dnat accept\n  }\n}\n")
            .ToString();
    }

    private static string Dnat(PortForward forward) =>
        $"tcp dport {forward.PublicPort} dnat to {forward.VmAddress}:{forward.VmPort} {Comment(forward)}";

    private static string Comment(PortForward forward)
    {
        var text = $"contract {forward.ContractId}";
        return $"comment \"{(text.Length > MaxCommentLength ? text[..MaxCommentLength] : text)}\"";
    }

    private static List<PortForward> Check(IReadOnlyCollection<PortForward> forwards)
    {
        var seen = new HashSet<int>();
        var index = 0;
        foreach (var forward in forwards)
        {
            index++;
            if (forward is null)
            {
                throw Refused(index, "is missing");
            }

            if (forward.PublicPort is < 1 or > 65535)
            {
                throw Refused(index, $"public port {forward.PublicPort} is not 1-65535");
            }

            if (forward.VmPort is < 1 or > 65535)
            {
                throw Refused(index, $"VM port {forward.VmPort} is not 1-65535");
            }

            if (!NftablesAddress.IsUsable(forward.VmAddress))
            {
                throw Refused(index, $"VM address {Shown(forward.VmAddress)} is not a unicast IPv4 address (a.b.c.d)");
            }

            if (string.IsNullOrEmpty(forward.ContractId) || !forward.ContractId.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                throw Refused(index, $"contract id {Shown(forward.ContractId)} is not lower-case hex");
            }

            if (!seen.Add(forward.PublicPort))
            {
                throw Refused(index, $"public port {forward.PublicPort} is already forwarded by another entry");
            }
        }

        return [.. forwards.OrderBy(f => f.PublicPort)];
    }

    private static GatewayException Refused(int index, string reason) =>
        new($"SSH forward #{index.ToString(CultureInfo.InvariantCulture)} refused: {reason}; no rule was changed.");

    // The refused value goes to logs: printable ASCII only and short, so it can neither forge log lines nor flood them.
    private static string Shown(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var printable = new string([.. value.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return $"'{printable}{(value.Length > 64 ? "…" : string.Empty)}'";
    }
}
