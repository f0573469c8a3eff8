using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using DecentCloud.Domain.Contracts;
using DecentCloud.Domain.Gateways;
using FluentResults;
using Mediator;

namespace DecentCloud.Application.Dns;

/// <summary>
/// The VM names of one of the agent's provider's gateways (<c>GET /api/v1/agents/dns?dcId=</c>), by slug, so a
/// reconciling agent can remove the names and sites no live contract claims.
/// </summary>
public sealed record ListVmNames(AgentPrincipal Agent, string? DcId) : IQuery<Result<IReadOnlyList<VmNameView>>>
{
    /// <summary>The most names one reply carries; a gateway past it is far beyond what one host serves.</summary>
    public const int MaxNames = 10_000;
}

/// <summary>One VM name as the API holds it.</summary>
/// <param name="DcId">The gateway.</param>
/// <param name="Slug">The VM's label.</param>
/// <param name="Fqdn">The full name.</param>
/// <param name="Ipv4">The address of its A record.</param>
/// <param name="ContractId">The contract it belongs to (hex), <c>null</c> for a record older than that rule.</param>
/// <param name="ContractAlive">Whether that contract exists and is live (accepted up to paused).</param>
/// <param name="UpdatedAt">When the record last changed.</param>
public sealed record VmNameView(string DcId, string Slug, string Fqdn, string Ipv4, string? ContractId, bool ContractAlive, DateTimeOffset UpdatedAt);

/// <summary>Handles <see cref="ListVmNames"/>.</summary>
internal sealed class ListVmNamesHandler(IAcmeDnsAccountStore accounts, IVmAddressRecordStore records, GatewayZoneProvider zones)
    : IQueryHandler<ListVmNames, Result<IReadOnlyList<VmNameView>>>
{
    /// <inheritdoc />
    public async ValueTask<Result<IReadOnlyList<VmNameView>>> Handle(ListVmNames query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var dcId = DcId.Create(query.DcId);
        if (dcId.IsFailed)
        {
            return dcId.ToResult<IReadOnlyList<VmNameView>>();
        }

        var account = await accounts.FindByDcIdAsync(dcId.Value, cancellationToken);
        if (account is null || account.ProviderId != query.Agent.ProviderId)
        {
            return Result.Fail(DomainErrors.Forbidden(VmNameErrors.DcIdNotOwned, $"dc_id '{dcId.Value}' is not registered to this provider."));
        }

        var entries = await records.ListAsync(dcId.Value, ListVmNames.MaxNames, cancellationToken);
        return entries
            .Select(e => new VmNameView(
                e.Record.DcId.Value, e.Record.Slug.Value, zones.Zone.VmName(e.Record.Slug, e.Record.DcId), e.Record.Address,
                e.Record.ContractId?.Hex, e.ContractState is { } state && state.IsLive(), e.Record.UpdatedAt))
            .ToList();
    }
}
