using System.Text;

namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/agents/gateway/register</c>: the gateway's dc_id.</summary>
/// <param name="DcId">The gateway's dc_id (e.g. <c>dc-lk</c>).</param>
public sealed record GatewayRegistration(string DcId);

/// <summary>A gateway's acme-dns credentials; the password is shown once and never stored by the API.</summary>
/// <param name="AcmeDnsServerUrl">The acme-dns server URL Caddy calls.</param>
/// <param name="AcmeDnsUsername">The acme-dns user.</param>
/// <param name="AcmeDnsPassword">The acme-dns key (secret).</param>
/// <param name="AcmeDnsSubdomain">The acme-dns subdomain (the dc_id).</param>
/// <param name="FullDomain">The gateway's domain.</param>
/// <param name="Wildcard">The wildcard name the certificate covers.</param>
/// <param name="GwPrefix">The gateway label.</param>
/// <param name="Domain">The zone apex.</param>
public sealed record GatewayCredentials(
    string AcmeDnsServerUrl,
    Guid AcmeDnsUsername,
    string AcmeDnsPassword,
    string AcmeDnsSubdomain,
    string FullDomain,
    string Wildcard,
    string GwPrefix,
    string Domain)
{
    /// <summary>Leaves the password out, so logging the record leaks nothing.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AcmeDnsServerUrl = ").Append(AcmeDnsServerUrl)
            .Append(", AcmeDnsUsername = ").Append(AcmeDnsUsername)
            .Append(", FullDomain = ").Append(FullDomain);
        return true;
    }
}

/// <summary>One gateway's credentials without the password.</summary>
/// <param name="DcId">The gateway's dc_id.</param>
/// <param name="ProviderId">The owning provider.</param>
/// <param name="AcmeDnsUsername">The acme-dns user.</param>
/// <param name="FullDomain">The gateway's domain.</param>
/// <param name="CreatedAt">When the credentials were first issued.</param>
/// <param name="UpdatedAt">When they were last rotated.</param>
/// <param name="RevokedAt">When they were revoked, if they were.</param>
public sealed record GatewayCredentialSummary(
    string DcId, string ProviderId, Guid AcmeDnsUsername, string FullDomain, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? RevokedAt);

/// <summary><c>POST /api/v1/agents/dns</c>: create or delete the A record of a VM behind the agent's gateway.</summary>
/// <param name="Action"><see cref="VmDnsActions.Create"/> or <see cref="VmDnsActions.Delete"/>.</param>
/// <param name="DcId">The gateway's dc_id.</param>
/// <param name="Slug">The VM's label.</param>
/// <param name="Ipv4">The address (for <c>create</c>).</param>
/// <param name="ContractId">
/// The contract the name belongs to (hex). Required for <c>create</c>: the contract must be live and of the agent's pool,
/// and a slug another live contract holds is refused with 409 <c>slug_taken</c> (pick another). Optional for
/// <c>delete</c>: when given, only that contract's name is removed.
/// </param>
public sealed record VmDnsRequest(string Action, string DcId, string Slug, string? Ipv4, string? ContractId = null);

/// <summary>The values of <see cref="VmDnsRequest.Action"/>.</summary>
public static class VmDnsActions
{
    /// <summary>Create or move the record.</summary>
    public const string Create = "create";

    /// <summary>Remove the record.</summary>
    public const string Delete = "delete";
}

/// <summary>The A record as published.</summary>
/// <param name="Fqdn">The record's name.</param>
/// <param name="Ipv4">Its address, <c>null</c> after a delete.</param>
/// <param name="Ttl">Its TTL in seconds.</param>
public sealed record PublishedVmAddress(string Fqdn, string? Ipv4, int Ttl);

/// <summary>One VM name of a gateway (<c>GET /api/v1/agents/dns?dcId=</c>).</summary>
/// <param name="DcId">The gateway's dc_id.</param>
/// <param name="Slug">The VM's label.</param>
/// <param name="Fqdn">The full name.</param>
/// <param name="Ipv4">The address of its A record.</param>
/// <param name="ContractId">The contract it belongs to (hex); <c>null</c> for a name older than that rule.</param>
/// <param name="ContractAlive">Whether that contract exists and is live (accepted, provisioning, provisioned, active or paused).</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record VmNameRecord(string DcId, string Slug, string Fqdn, string Ipv4, string? ContractId, bool ContractAlive, DateTimeOffset UpdatedAt);
