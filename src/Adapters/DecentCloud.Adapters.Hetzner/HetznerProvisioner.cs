using System.Net;
using System.Text.Json;
using DecentCloud.Adapters.Shared;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>Hetzner Cloud servers for contracts: the <see cref="CloudProvisioner{TMachine}"/> steps mapped onto API v1.</summary>
internal sealed class HetznerProvisioner(IHetznerApi api, HetznerOptions options, TimeProvider time) : CloudProvisioner<HetznerServer>(options, time)
{
    private const int PageSize = 50;
    private readonly HetznerOptions _options = options;

    /// <inheritdoc />
    public override string Type => "hetzner";

    /// <inheritdoc />
    protected override string MachineNoun => "Hetzner server";

    /// <inheritdoc />
    protected override async Task DeleteAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteServerAsync(ParseId(externalId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        await WaitForActionAsync(Check(response, "delete server").Action, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task StopAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForActionAsync(Check(await api.ShutdownAsync(ParseId(externalId), cancellationToken), "shut down server").Action, cancellationToken);

    /// <inheritdoc />
    public override async Task StartAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForActionAsync(Check(await api.PowerOnAsync(ParseId(externalId), cancellationToken), "power on server").Action, cancellationToken);

    /// <inheritdoc />
    public override async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListServersAsync($"{ContractLabels.Managed}==true", 1, 1, cancellationToken), "list servers (check the API token)");

    /// <inheritdoc />
    protected override Task<IReadOnlyList<HetznerServer>> ListByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        ListServersAsync(ContractLabels.Selector(contractId), cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<HetznerServer>> ListManagedAsync(CancellationToken cancellationToken) =>
        ListServersAsync($"{ContractLabels.Managed}==true", cancellationToken);

    /// <inheritdoc />
    protected override async Task<HetznerServer?> GetMachineAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetServerAsync(ParseId(externalId), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : Check(response, "get server").Server;
    }

    /// <inheritdoc />
    protected override async Task<string?> FindSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        var found = Check(await api.ListSshKeysAsync(OpenSshKey.Md5Fingerprint(publicKey), cancellationToken), "look up SSH key").SshKeys;
        return found.Count > 0 ? Id(found[0].Id) : null;
    }

    /// <inheritdoc />
    protected override async Task<string> RegisterSshKeyAsync(string name, string publicKey, CancellationToken cancellationToken) =>
        Id(Check(await api.CreateSshKeyAsync(new HetznerCreateSshKey(name, publicKey, new() { [ContractLabels.Managed] = "true" }), cancellationToken), "register SSH key").SshKey.Id);

    /// <inheritdoc />
    protected override async Task<string> CreateAsync(ProvisionRequest request, InstanceConfig config, IReadOnlyList<string> sshKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(config);
        var body = new HetznerCreateServer(
            ContractTags.InstanceName(request.ContractId),
            config.Get("server_type", _options.DefaultServerType)!,
            config.Get("image", _options.DefaultImage)!,
            config.Get("location", _options.DefaultLocation),
            [.. sshKeys.Select(ParseId)],
            ContractLabels.For(request.ContractId), CloudInit.UserData(request), StartAfterCreate: true);
        var created = Check(await api.CreateServerAsync(body, cancellationToken), "create server");
        foreach (var action in new[] { created.Action }.Concat(created.NextActions ?? []))
        {
            await WaitForActionAsync(action, cancellationToken);
        }

        return Id(created.Server.Id);
    }

    /// <inheritdoc />
    protected override bool IsReady(HetznerServer machine) =>
        machine.Status == "running" && !string.IsNullOrEmpty(machine.PublicNet?.Ipv4?.Ip ?? machine.PublicNet?.Ipv6?.Ip);

    /// <inheritdoc />
    protected override ProvisionedInstance ToInstance(HetznerServer machine) => new(
        Id(machine.Id),
        ContractLabels.Read(machine.Labels),
        machine.Status,
        machine.PublicNet?.Ipv4?.Ip,
        machine.PublicNet?.Ipv6?.Ip,
        22,
        new Dictionary<string, string> { ["name"] = machine.Name });

    private async Task<IReadOnlyList<HetznerServer>> ListServersAsync(string selector, CancellationToken cancellationToken)
    {
        var all = new List<HetznerServer>();
        for (int? page = 1; page is not null;)
        {
            var list = Check(await api.ListServersAsync(selector, page.Value, PageSize, cancellationToken), "list servers");
            all.AddRange(list.Servers);
            page = list.Meta?.Pagination?.NextPage;
        }

        return all;
    }

    private async Task WaitForActionAsync(HetznerAction action, CancellationToken cancellationToken)
    {
        var id = action.Id;
        action = await WaitForActionAsync(action, async ct => Check(await api.GetActionAsync(id, ct), "get action").Action, a => a.Status is "success" or "error", $"Hetzner action {id}", cancellationToken);
        if (action.Status == "error")
        {
            throw new ProvisioningException($"Hetzner action {action.Command ?? Id(id)} failed: {action.Error?.Code}: {action.Error?.Message}");
        }
    }

    private static string Id(long id) => NumericIds.Format(id);

    private static long ParseId(string externalId) => NumericIds.Parse(externalId, "Hetzner");

    private static T Check<T>(IApiResponse<T> response, string what) => ApiErrors.Check(response, "Hetzner", what, ErrorText);

    private static string ErrorText(string body) =>
        JsonSerializer.Deserialize<HetznerErrorEnvelope>(body)?.Error is { } error ? $"{error.Code}: {error.Message}" : body;
}
