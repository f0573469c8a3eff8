namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>
/// The gateway's web server (Caddy): one site per VM that routes <see cref="VmSite.Fqdn"/> to the VM. Declarative, so
/// that a restarted agent or a reconcile round rebuilds the same state from its journal whatever happened before.
/// </summary>
public interface IGatewaySites
{
    /// <summary>
    /// Makes the served sites exactly <paramref name="sites"/>: writes each missing or changed site atomically, deletes the
    /// site files no entry names, then reloads the server once if anything changed. When the reload fails, every file is
    /// put back as it was and <see cref="GatewayException"/> carries the server's reason.
    /// </summary>
    Task ApplyAsync(IReadOnlyCollection<VmSite> sites, CancellationToken cancellationToken);
}

/// <summary>One VM's site: <paramref name="Fqdn"/> (<c>{slug}.{dc_id}.{gw_prefix}.{domain}</c>) proxied to <paramref name="Upstream"/>:<paramref name="Port"/>.</summary>
/// <param name="Slug">The VM's label (6 chars [a-z0-9]); it names the site file.</param>
/// <param name="Fqdn">The VM's name.</param>
/// <param name="Upstream">The VM's address as the gateway host reaches it (an IPv4 or IPv6 address).</param>
/// <param name="Port">The VM's HTTP port.</param>
public sealed record VmSite(string Slug, string Fqdn, string Upstream, int Port);
