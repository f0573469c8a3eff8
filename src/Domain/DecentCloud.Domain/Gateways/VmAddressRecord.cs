using System.Net;
using System.Net.Sockets;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>
/// The A record of one VM behind a gateway: <c>{slug}.{dc_id}.{gw_prefix}.{domain}</c>, TTL 300, never proxied.
/// A name belongs to the contract whose machine it reaches; while that contract is live no other contract may take it.
/// </summary>
public sealed class VmAddressRecord
{
    /// <summary>TTL of a VM's A record in seconds.</summary>
    public const int TtlSeconds = 300;

    /// <summary>The error code of a name held by another live contract.</summary>
    public const string SlugTaken = "slug_taken";

    private VmAddressRecord(DcId dcId, VmSlug slug, string address, ProviderId providerId, DateTimeOffset now)
    {
        DcId = dcId;
        Slug = slug;
        Address = address;
        ProviderId = providerId;
        UpdatedAt = now;
    }

    /// <summary>The gateway.</summary>
    public DcId DcId { get; private set; }

    /// <summary>The VM's label.</summary>
    public VmSlug Slug { get; private set; }

    /// <summary>The IPv4 address in dotted form.</summary>
    public string Address { get; private set; }

    /// <summary>The provider that owns the gateway.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>When the address was last set.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The contract the name belongs to; <c>null</c> for a record made before names belonged to contracts.</summary>
    public ContractId? ContractId { get; private set; }

    /// <summary>Parses an IPv4 address for an A record.</summary>
    public static Result<IPAddress> ParseIpv4(string? text)
    {
        if (text is null || !IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork
            || ip.ToString() != text)
        {
            return Result.Fail<IPAddress>(DomainError.Invalid("invalid_ipv4", "ipv4 must be a dotted-quad IPv4 address."));
        }

        return ip;
    }

    /// <summary>A new record.</summary>
    public static VmAddressRecord Create(DcId dcId, VmSlug slug, IPAddress address, ProviderId providerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new VmAddressRecord(dcId, slug, address.ToString(), providerId, now);
    }

    /// <summary>A new record that belongs to <paramref name="contractId"/>.</summary>
    public static VmAddressRecord CreateFor(ContractId contractId, DcId dcId, VmSlug slug, IPAddress address, ProviderId providerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contractId);
        var record = Create(dcId, slug, address, providerId, now);
        record.ContractId = contractId;
        return record;
    }

    /// <summary>Whether the name belongs to <paramref name="contractId"/>.</summary>
    public bool IsHeldBy(ContractId contractId) => ContractId is not null && ContractId == contractId;

    /// <summary>
    /// Gives the name to <paramref name="claimant"/> at <paramref name="address"/>. The name is refused while another
    /// contract holds it and that contract is live (<paramref name="holderState"/>, <c>null</c> when the holder no
    /// longer exists); a name of an ended contract, or of none, is taken over. Returns whether anything changed, so
    /// repeating a claim is a no-op.
    /// </summary>
    public Result<bool> ClaimFor(ContractId claimant, ContractState? holderState, IPAddress address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claimant);
        ArgumentNullException.ThrowIfNull(address);
        if (ContractId is not null && ContractId != claimant && holderState is { } state && state.IsLive())
        {
            return Result.Fail<bool>(Taken());
        }

        var text = address.ToString();
        if (IsHeldBy(claimant) && Address == text)
        {
            return false;
        }

        ContractId = claimant;
        Address = text;
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Whether <paramref name="claimant"/> may remove the name: anyone of the owning provider when no contract is named
    /// (<c>null</c>) or the record belongs to none; otherwise only the contract it belongs to, so an agent never removes
    /// another contract's name.
    /// </summary>
    public Result CheckRemovableBy(ContractId? claimant) =>
        claimant is null || ContractId is null || ContractId == claimant ? Result.Ok() : Result.Fail(Taken());

    private DomainError Taken() =>
        DomainErrors.Conflict(SlugTaken, $"The name {Slug.Value} under {DcId.Value} belongs to another live contract; choose another slug.");

    /// <summary>Points the record at another address.</summary>
    public void MoveTo(IPAddress address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(address);
        Address = address.ToString();
        UpdatedAt = now;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private VmAddressRecord()
    {
    }
#pragma warning restore CS8618
}
