using DecentCloud.Agent.Common;
using DecentCloud.Api.Client;
using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Protocol;

namespace DecentCloud.Agent.Gateway;

/// <summary>The API's name routes (<c>POST</c>/<c>GET /api/v1/agents/dns</c>) as the ProviderAgent package's port.</summary>
internal sealed class GatewayNamesClient(AgentApi api) : IGatewayNames
{
    /// <summary>The problem code with which the API refuses a slug another live contract holds.</summary>
    public const string SlugTaken = "slug_taken";

    public async Task<bool> PublishAsync(string dcId, string slug, string contractId, string ipv4, CancellationToken cancellationToken)
    {
        try
        {
            await api.Agent.PublishVmAddressAsync(new VmDnsRequest(VmDnsActions.Create, dcId, slug, ipv4, contractId), cancellationToken);
            return true;
        }
        catch (DecentCloudApiException refused) when (refused.Code == SlugTaken)
        {
            return false;
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw Refused(ex);
        }
    }

    public async Task RemoveAsync(string dcId, string slug, string? contractId, CancellationToken cancellationToken)
    {
        try
        {
            await api.Agent.PublishVmAddressAsync(new VmDnsRequest(VmDnsActions.Delete, dcId, slug, null, contractId), cancellationToken);
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw Refused(ex);
        }
    }

    public async Task<IReadOnlyList<PublishedName>> ListAsync(string dcId, CancellationToken cancellationToken)
    {
        try
        {
            var records = await api.Agent.ListVmAddressesAsync(dcId, cancellationToken)
                ?? throw new ProviderApiException("the API's dns list reply was empty.");
            return records.Select(r => new PublishedName(r.Slug, r.ContractId, r.ContractAlive, r.Ipv4)).ToList();
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw Refused(ex);
        }
    }

    private ProviderApiException Refused(Exception ex) => new(api.Describe(ex), ex) { Status = AgentApi.StatusOf(ex) };
}
