using System.Net;
using System.Net.Sockets;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Running;
using DecentCloud.Domain.Gateways;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>
/// Puts contracts' machines behind this host's gateway: a name <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c> published
/// through the API (which refuses a slug another live contract holds), a Caddy site proxying it to the VM, and, for VMs
/// on a private network, a public SSH port forwarded to the VM's port 22. Every change goes to the journal first, and
/// sites and forwards are always rebuilt whole from it, so a crash at any step is repaired by the next call or round.
/// One lock orders all changes: provisionings run concurrently, the journal is one document.
/// </summary>
public sealed partial class VmGateway(
    GatewayOptions options,
    IGatewayNames names,
    IGatewaySites sites,
    IPortForwarder forwards,
    GatewayJournal journal,
    AgentState state,
    TimeProvider time,
    ILogger<VmGateway> logger) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>The VM port HTTPS is proxied to when the offering names none.</summary>
    public int DefaultHttpPort => options.DefaultHttpPort;

    /// <summary>
    /// Before the machine is created: the contract's slug and SSH port, taken from the journal when an earlier run
    /// reserved them. No free SSH port is a <see cref="ProvisioningException"/> (the contract fails before any machine exists).
    /// </summary>
    public async Task<GatewayEntry> ReserveAsync(string contractId, int httpPort, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var entries = journal.Load();
            return Reserve(entries, contractId, httpPort);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// After the machine has an address: publishes its name (another slug while the API says the slug is taken), then
    /// rebuilds the sites and forwarded ports. A refused site or rule is a <see cref="GatewayException"/>.
    /// </summary>
    public async Task<GatewayAccess> ExposeAsync(string contractId, ProvisionedInstance instance, int httpPort, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var upstream = instance.Ipv4 ?? instance.Ipv6
            ?? throw new ProvisioningException("the machine has no IP address the gateway could route its name to");
        if (options.ForwardSsh && instance.Ipv4 is null)
        {
            throw new ProvisioningException("the machine has no IPv4 address to forward its SSH port to");
        }

        if (!IsRoutable(upstream))
        {
            throw new ProvisioningException(
                $"the machine's address '{Printable(upstream)}' is not a unicast address in full form, so the gateway does not route its name or SSH port to it");
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            var entries = journal.Load();
            var entry = Reserve(entries, contractId, httpPort) with { Upstream = upstream, HttpPort = httpPort };
            entry = await PublishAsync(entries, entry, cancellationToken);
            await ApplyAsync(entries.Values, cancellationToken);
            LogExposed(logger, contractId, options.VmName(entry.Slug), upstream, entry.SshPort);
            return new GatewayAccess(entry.Slug, options.VmName(entry.Slug), options.PublicIpv4, entry.SshPort);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// The contract's machine is gone or never came: its site and forwarded port go first (they point at nothing now),
    /// then its name. A name the API could not remove is removed by a later reconcile round (its contract has ended).
    /// </summary>
    public async Task WithdrawAsync(string contractId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var entries = journal.Load();
            if (!entries.Remove(contractId, out var entry))
            {
                return;
            }

            journal.Save(entries.Values);
            await ApplyAsync(entries.Values, cancellationToken);
            if (entry.Published)
            {
                await names.RemoveAsync(options.DcId, entry.Slug, contractId, cancellationToken);
            }

            LogWithdrawn(logger, contractId, options.VmName(entry.Slug), entry.SshPort);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>
    /// One reconcile round: removes the names whose contract has ended (or that belong to none), forgets the entries no
    /// live contract claims (unless provisioning right now, or changed since the names were listed), and rebuilds sites
    /// and forwarded ports from what is left — which also restores rules a reboot flushed and site files someone deleted.
    /// </summary>
    public async Task ReconcileAsync(CancellationToken cancellationToken)
    {
        var listedAt = time.GetUtcNow();
        var published = await names.ListAsync(options.DcId, cancellationToken);
        foreach (var stale in published.Where(p => !p.ContractAlive))
        {
            try
            {
                await names.RemoveAsync(options.DcId, stale.Slug, stale.ContractId, cancellationToken);
                LogStaleNameRemoved(logger, options.VmName(stale.Slug), stale.ContractId);
            }
            catch (Exception ex) when (ex is Protocol.ProviderApiException or HttpRequestException)
            {
                LogStaleNameKept(logger, options.VmName(stale.Slug), ex.Message);
            }
        }

        var claimed = published.Where(p => p.ContractAlive && p.ContractId is not null).Select(p => (p.ContractId!, p.Slug)).ToHashSet();
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var entries = journal.Load();
            var inFlight = state.InFlight;
            var unclaimed = entries.Values
                .Where(e => !inFlight.Contains(e.ContractId) && e.UpdatedAt < listedAt && !claimed.Contains((e.ContractId, e.Slug)))
                .ToList();
            foreach (var entry in unclaimed)
            {
                entries.Remove(entry.ContractId);
                LogForgotten(logger, entry.ContractId, options.VmName(entry.Slug), entry.SshPort);
            }

            if (unclaimed.Count > 0)
            {
                journal.Save(entries.Values);
            }

            await RepointAsync(entries.Values, published, cancellationToken);
            await ApplyAsync(entries.Values, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private GatewayEntry Reserve(Dictionary<string, GatewayEntry> entries, string contractId, int httpPort)
    {
        if (entries.TryGetValue(contractId, out var existing))
        {
            return existing;
        }

        int? port = null;
        if (options.ForwardSsh)
        {
            port = SshPortAllocator.Next(options.SshPortFirst, options.SshPortLast, entries.Values.Where(e => e.SshPort is not null).Select(e => e.SshPort!.Value))
                ?? throw new ProvisioningException(
                    $"no free SSH port on gateway {options.GatewayName}: all {options.SshPortLast - options.SshPortFirst + 1} ports of {options.SshPortFirst}-{options.SshPortLast} are held by its contracts");
        }

        var entry = new GatewayEntry(contractId, VmSlug.NewRandom().Value, port, null, httpPort, false, time.GetUtcNow());
        entries[contractId] = entry;
        journal.Save(entries.Values);
        return entry;
    }

    private async Task<GatewayEntry> PublishAsync(Dictionary<string, GatewayEntry> entries, GatewayEntry entry, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= options.MaxSlugAttempts; attempt++)
        {
            // Journaled before the API hears of it, so a crash right after the publish still knows which name to remove.
            entries[entry.ContractId] = entry with { UpdatedAt = time.GetUtcNow() };
            journal.Save(entries.Values);
            if (await names.PublishAsync(options.DcId, entry.Slug, entry.ContractId, options.PublicIpv4, cancellationToken))
            {
                entry = entry with { Published = true, UpdatedAt = time.GetUtcNow() };
                entries[entry.ContractId] = entry;
                journal.Save(entries.Values);
                return entry;
            }

            LogSlugTaken(logger, options.VmName(entry.Slug), entry.ContractId, attempt);
            entry = entry with { Slug = VmSlug.NewRandom().Value, Published = false };
        }

        throw new ProvisioningException(
            $"no free name under {options.GatewayName}: the API refused {options.MaxSlugAttempts} random slugs as taken");
    }

    // Every name points at the gateway's public address: after the operator changed gateway.publicIp, the names of the
    // machines served already follow it (a create with a new address moves the name), not only those provisioned later.
    private async Task RepointAsync(IEnumerable<GatewayEntry> entries, IReadOnlyList<PublishedName> published, CancellationToken cancellationToken)
    {
        var listed = published.Where(p => p.ContractAlive && p.ContractId is not null).ToDictionary(p => (p.ContractId!, p.Slug), p => p.Ipv4);
        foreach (var entry in entries.Where(e => e.Published))
        {
            if (!listed.TryGetValue((entry.ContractId, entry.Slug), out var address) || address is null || address == options.PublicIpv4)
            {
                continue;
            }

            try
            {
                var moved = await names.PublishAsync(options.DcId, entry.Slug, entry.ContractId, options.PublicIpv4, cancellationToken);
                LogRepointed(logger, options.VmName(entry.Slug), address, options.PublicIpv4, moved);
            }
            catch (Exception ex) when (ex is Protocol.ProviderApiException or HttpRequestException)
            {
                LogRepointFailed(logger, options.VmName(entry.Slug), ex.Message);
            }
        }
    }

    private async Task ApplyAsync(IEnumerable<GatewayEntry> entries, CancellationToken cancellationToken)
    {
        var served = entries.Where(e => e.Published && e.Upstream is not null).ToList();
        await sites.ApplyAsync(served.Select(e => new VmSite(e.Slug, options.VmName(e.Slug), e.Upstream!, e.HttpPort)).ToList(), cancellationToken);
        if (options.ForwardSsh)
        {
            await forwards.ApplyAsync(
                served.Where(e => e.SshPort is not null && IsIpv4(e.Upstream!)).Select(e => new PortForward(e.SshPort!.Value, e.Upstream!, 22, e.ContractId)).ToList(),
                cancellationToken);
        }
    }

    private static bool IsIpv4(string address) => IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork;

    // The backend reports the address, and a Proxmox guest can forge what its agent says. Sites and forwards are applied
    // as one set, so an address Caddy or nft refuses (a short or scoped form, 0.0.0.0, broadcast, multicast) would stop
    // every other contract's site and forward too, on every later provisioning and round: it fails its own contract here.
    private static bool IsRoutable(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || address.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        return ip.AddressFamily == AddressFamily.InterNetwork
            ? ip.ToString() == address && ip.GetAddressBytes()[0] is not 0 and < 224
            : ip.AddressFamily == AddressFamily.InterNetworkV6 && ip.ScopeId == 0 && !ip.Equals(IPAddress.IPv6Any) && !ip.IsIPv6Multicast;
    }

    // Backend text reaches the report and the log: printable ASCII only, and short.
    private static string Printable(string value) =>
        new([.. value.Take(64).Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId} is served as {Name} -> {Upstream} (SSH port {SshPort})")]
    private static partial void LogExposed(ILogger logger, string contractId, string name, string upstream, int? sshPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contract {ContractId}: {Name} and SSH port {SshPort} released")]
    private static partial void LogWithdrawn(ILogger logger, string contractId, string name, int? sshPort);

    [LoggerMessage(Level = LogLevel.Information, Message = "Name {Name} taken by another contract (attempt {Attempt} for {ContractId}); trying another slug")]
    private static partial void LogSlugTaken(ILogger logger, string name, string contractId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Name}: its contract {ContractId} has ended")]
    private static partial void LogStaleNameRemoved(ILogger logger, string name, string? contractId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the stale name {Name}: {Reason}; retrying next round")]
    private static partial void LogStaleNameKept(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Name {Name} pointed at {Old}, the gateway is now at {New}: moved ({Moved})")]
    private static partial void LogRepointed(ILogger logger, string name, string old, string @new, bool moved);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not move {Name} to the gateway's public address: {Reason}; retrying next round")]
    private static partial void LogRepointFailed(ILogger logger, string name, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "No live contract claims {Name} of contract {ContractId}: its site and SSH port {SshPort} are removed")]
    private static partial void LogForgotten(ILogger logger, string contractId, string name, int? sshPort);
}
