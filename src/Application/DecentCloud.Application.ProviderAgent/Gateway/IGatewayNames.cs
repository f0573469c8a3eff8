namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>
/// The API's per-VM names (<c>POST</c>/<c>GET /api/v1/agents/dns</c>): the A record <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c>
/// of a contract's machine. The API is the authority on which slugs are free; every call names this gateway's own dc_id.
/// </summary>
public interface IGatewayNames
{
    /// <summary>
    /// Points <paramref name="slug"/> under <paramref name="dcId"/> at <paramref name="ipv4"/> for <paramref name="contractId"/>;
    /// <c>false</c> when the API says another live contract holds the slug (nothing changed: pick another).
    /// </summary>
    Task<bool> PublishAsync(string dcId, string slug, string contractId, string ipv4, CancellationToken cancellationToken);

    /// <summary>Removes the name (a name already gone is fine); with <paramref name="contractId"/>, only while it is that contract's.</summary>
    Task RemoveAsync(string dcId, string slug, string? contractId, CancellationToken cancellationToken);

    /// <summary>The names published under <paramref name="dcId"/>, with whether their contract is still alive.</summary>
    Task<IReadOnlyList<PublishedName>> ListAsync(string dcId, CancellationToken cancellationToken);
}

/// <summary>A published name as the API lists it.</summary>
/// <param name="Slug">The VM's label.</param>
/// <param name="ContractId">The contract the name belongs to (<c>null</c> for a name from before names had contracts).</param>
/// <param name="ContractAlive">Whether that contract has not ended.</param>
/// <param name="Ipv4">The address the name points at (<c>null</c> when the API did not say).</param>
public sealed record PublishedName(string Slug, string? ContractId, bool ContractAlive, string? Ipv4 = null);
