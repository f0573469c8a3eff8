using System.Net;
using System.Text.Json;
using DecentCloud.Adapters.Shared;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>DigitalOcean droplets for contracts: the <see cref="CloudProvisioner{TMachine}"/> steps mapped onto API v2.</summary>
internal sealed class DigitalOceanProvisioner(IDigitalOceanApi api, DigitalOceanOptions options, TimeProvider time) : CloudProvisioner<DoDroplet>(options, time)
{
    private const int PageSize = 100;
    private readonly DigitalOceanOptions _options = options;

    /// <inheritdoc />
    public override string Type => "digitalocean";

    /// <inheritdoc />
    protected override string MachineNoun => "droplet";

    /// <inheritdoc />
    protected override async Task DeleteAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteDropletAsync(ParseId(externalId), cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.NoContent))
        {
            Check(response, "delete droplet");
        }
    }

    /// <inheritdoc />
    public override Task StopAsync(string externalId, CancellationToken cancellationToken) => RunActionAsync(externalId, "shutdown", cancellationToken);

    /// <inheritdoc />
    public override Task StartAsync(string externalId, CancellationToken cancellationToken) => RunActionAsync(externalId, "power_on", cancellationToken);

    /// <inheritdoc />
    public override async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListDropletsAsync(ContractTags.Managed, 1, 1, cancellationToken), "list droplets (check the API token)");

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DoDroplet>> ListByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        ListDropletsAsync(ContractTags.For(contractId), cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<DoDroplet>> ListManagedAsync(CancellationToken cancellationToken) =>
        ListDropletsAsync(ContractTags.Managed, cancellationToken);

    /// <inheritdoc />
    protected override async Task<DoDroplet?> GetMachineAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetDropletAsync(ParseId(externalId), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : Check(response, "get droplet").Droplet;
    }

    /// <inheritdoc />
    protected override async Task<string?> FindSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        var found = await api.GetSshKeyAsync(OpenSshKey.Md5Fingerprint(publicKey), cancellationToken);
        return found.StatusCode == HttpStatusCode.NotFound ? null : Id(Check(found, "look up SSH key").SshKey.Id);
    }

    /// <inheritdoc />
    protected override async Task<string> RegisterSshKeyAsync(string name, string publicKey, CancellationToken cancellationToken) =>
        Id(Check(await api.CreateSshKeyAsync(new DoCreateSshKey(name, publicKey), cancellationToken), "register SSH key").SshKey.Id);

    /// <inheritdoc />
    protected override async Task<string> CreateAsync(ProvisionRequest request, InstanceConfig config, IReadOnlyList<string> sshKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(config);
        var body = new DoCreateDroplet(
            ContractTags.InstanceName(request.ContractId),
            config.Get("region", _options.DefaultRegion)!,
            config.Get("size", _options.DefaultSize)!,
            config.Get("image", _options.DefaultImage)!,
            [.. sshKeys.Select(ParseId)],
            [ContractTags.Managed, ContractTags.For(request.ContractId)],
            CloudInit.UserData(request));
        var created = Check(await api.CreateDropletAsync(body, cancellationToken), "create droplet");
        foreach (var action in created.Links?.Actions ?? [])
        {
            await WaitForActionAsync(action.Id, null, cancellationToken);
        }

        return Id(created.Droplet.Id);
    }

    /// <inheritdoc />
    /// <remarks>DigitalOcean keeps a destroyed droplet visible for a while with the status <c>archive</c>.</remarks>
    protected override bool IsDeleted(DoDroplet machine) => machine.Status == "archive";

    /// <inheritdoc />
    protected override bool IsReady(DoDroplet machine) => machine.Status == "active" && (PublicAddress(machine, 4) ?? PublicAddress(machine, 6)) is not null;

    /// <inheritdoc />
    protected override ProvisionedInstance ToInstance(DoDroplet machine) => new(
        Id(machine.Id),
        ContractTags.Read(machine.Tags),
        machine.Status,
        PublicAddress(machine, 4),
        PublicAddress(machine, 6),
        22,
        new Dictionary<string, string> { ["name"] = machine.Name });

    private static string? PublicAddress(DoDroplet droplet, int version) =>
        (version == 4 ? droplet.Networks?.V4 : droplet.Networks?.V6)?.FirstOrDefault(a => a.Type == "public")?.IpAddress;

    private async Task RunActionAsync(string externalId, string type, CancellationToken cancellationToken)
    {
        var action = Check(await api.DropletActionAsync(ParseId(externalId), new DoDropletAction(type), cancellationToken), type).Action;
        await WaitForActionAsync(action.Id, action, cancellationToken);
    }

    private async Task<IReadOnlyList<DoDroplet>> ListDropletsAsync(string tag, CancellationToken cancellationToken)
    {
        var all = new List<DoDroplet>();
        for (var page = 1; ; page++)
        {
            var list = Check(await api.ListDropletsAsync(tag, page, PageSize, cancellationToken), "list droplets");
            all.AddRange(list.Droplets);
            if (string.IsNullOrEmpty(list.Links?.Pages?.Next))
            {
                return all;
            }
        }
    }

    private async Task WaitForActionAsync(long actionId, DoAction? known, CancellationToken cancellationToken)
    {
        var action = await WaitForActionAsync(known, async ct => Check(await api.GetActionAsync(actionId, ct), "get action").Action, a => a.Status is "completed" or "errored", $"DigitalOcean action {actionId}", cancellationToken);
        if (action.Status == "errored")
        {
            throw new ProvisioningException($"DigitalOcean action {action.Type ?? Id(actionId)} ({actionId}) errored.");
        }
    }

    private static string Id(long id) => NumericIds.Format(id);

    private static long ParseId(string externalId) => NumericIds.Parse(externalId, "DigitalOcean");

    private static T Check<T>(IApiResponse<T> response, string what) => ApiErrors.Check(response, "DigitalOcean", what, ErrorText);

    private static string? ErrorText(string body) =>
        JsonSerializer.Deserialize<DoError>(body) is { Message: not null } error ? $"{error.Id}: {error.Message}" : null;
}
