using System.Collections.Concurrent;
using DecentCloud.Application.ProviderAgent.Gateway;
using DecentCloud.Application.ProviderAgent.Protocol;

namespace DecentCloud.Application.ProviderAgent.Tests;

/// <summary>The API's names as the API keeps them: a slug is refused while another live contract holds it.</summary>
internal sealed class FakeGatewayNames : IGatewayNames
{
    public ConcurrentDictionary<(string DcId, string Slug), (string? ContractId, string Ipv4)> Records { get; } = new();

    /// <summary>Contracts that have ended, as the API would list them.</summary>
    public HashSet<string> Ended { get; } = [];

    /// <summary>How many publishes to answer "taken" before accepting, whatever the slug (another contract won the race).</summary>
    public int RefuseNext { get; set; }

    public ConcurrentQueue<string> Calls { get; } = new();

    public Exception? FailRemove { get; set; }

    public Task<bool> PublishAsync(string dcId, string slug, string contractId, string ipv4, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"publish {dcId} {slug} {contractId} {ipv4}");
        if (RefuseNext > 0)
        {
            RefuseNext--;
            return Task.FromResult(false);
        }

        if (Records.TryGetValue((dcId, slug), out var held) && held.ContractId != contractId && held.ContractId is not null && !Ended.Contains(held.ContractId))
        {
            return Task.FromResult(false);
        }

        foreach (var old in Records.Where(r => r.Key.DcId == dcId && r.Value.ContractId == contractId).ToList())
        {
            Records.TryRemove(old.Key, out _);
        }

        Records[(dcId, slug)] = (contractId, ipv4);
        return Task.FromResult(true);
    }

    public Task RemoveAsync(string dcId, string slug, string? contractId, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"remove {dcId} {slug} {contractId}");
        if (FailRemove is not null)
        {
            throw FailRemove;
        }

        if (Records.TryGetValue((dcId, slug), out var held) && (contractId is null || held.ContractId == contractId))
        {
            Records.TryRemove((dcId, slug), out _);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs after the list is read and before it is returned: what happens while the reply travels.</summary>
    public Func<Task>? AfterList { get; set; }

    public async Task<IReadOnlyList<PublishedName>> ListAsync(string dcId, CancellationToken cancellationToken)
    {
        IReadOnlyList<PublishedName> listed =
            [.. Records.Where(r => r.Key.DcId == dcId).Select(r => new PublishedName(r.Key.Slug, r.Value.ContractId, r.Value.ContractId is { } c && !Ended.Contains(c), r.Value.Ipv4))];
        if (AfterList is { } after)
        {
            await after();
        }

        return listed;
    }

    public string? SlugOf(string contractId) => Records.Where(r => r.Value.ContractId == contractId).Select(r => r.Key.Slug).SingleOrDefault();
}

/// <summary>The sites and forwards as last applied, and how often each was applied.</summary>
internal sealed class RecordingGateway : IGatewaySites, IPortForwarder
{
    public IReadOnlyCollection<VmSite> Sites { get; private set; } = [];

    public IReadOnlyCollection<PortForward> Forwards { get; private set; } = [];

    public int SiteApplies { get; private set; }

    public GatewayException? RefuseSites { get; set; }

    public Task ApplyAsync(IReadOnlyCollection<VmSite> sites, CancellationToken cancellationToken)
    {
        SiteApplies++;
        if (RefuseSites is not null)
        {
            throw RefuseSites;
        }

        Sites = [.. sites];
        return Task.CompletedTask;
    }

    public Task ApplyAsync(IReadOnlyCollection<PortForward> forwards, CancellationToken cancellationToken)
    {
        Forwards = [.. forwards];
        return Task.CompletedTask;
    }
}
