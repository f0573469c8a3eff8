using System.Net;
using System.Text.Json;
using DecentCloud.Application.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>Hetzner Cloud servers for contracts.</summary>
public sealed class HetznerProvisioner(IHetznerApi api, HetznerOptions options, TimeProvider time) : IProvisioner
{
    private const int PageSize = 50;

    /// <inheritdoc />
    public string Type => "hetzner";

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A server already tagged with the contract is the one an interrupted run created: finish that one.
        var existing = await FindServerAsync(request.ContractId, cancellationToken);
        if (existing is null)
        {
            var keys = new List<long>();
            foreach (var key in request.SshPublicKeys)
            {
                keys.Add(await EnsureSshKeyAsync(key, cancellationToken));
            }

            var config = InstanceConfig.Parse(request.InstanceConfig);
            var body = new HetznerCreateServer(
                ContractTags.InstanceName(request.ContractId),
                config.Get("server_type", options.DefaultServerType)!,
                config.Get("image", options.DefaultImage)!,
                config.Get("location", options.DefaultLocation),
                keys,
                ContractLabels.For(request.ContractId), CloudInit.UserData(request), StartAfterCreate: true);
            var created = Check(await api.CreateServerAsync(body, cancellationToken), "create server");
            foreach (var action in new[] { created.Action }.Concat(created.NextActions ?? []))
            {
                await WaitForActionAsync(action, cancellationToken);
            }

            existing = created.Server;
        }

        return await WaitForAddressAsync(existing.Id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteServerAsync(ParseId(externalId), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }

        await WaitForActionAsync(Check(response, "delete server").Action, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForActionAsync(Check(await api.ShutdownAsync(ParseId(externalId), cancellationToken), "shut down server").Action, cancellationToken);

    /// <inheritdoc />
    public async Task StartAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForActionAsync(Check(await api.PowerOnAsync(ParseId(externalId), cancellationToken), "power on server").Action, cancellationToken);

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetServerAsync(ParseId(externalId), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ToInstance(Check(response, "get server").Server);
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var server = await FindServerAsync(contractId, cancellationToken);
        return server is null ? null : ToInstance(server);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) =>
        (await ListServersAsync($"{ContractLabels.Managed}==true", cancellationToken)).Select(ToInstance).ToArray();

    /// <inheritdoc />
    public async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListServersAsync($"{ContractLabels.Managed}==true", 1, 1, cancellationToken), "list servers (check the API token)");

    private async Task<HetznerServer?> FindServerAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var servers = await ListServersAsync(ContractLabels.Selector(contractId), cancellationToken);
        return servers.Count switch
        {
            0 => null,
            1 => servers[0],
            _ => throw new ProvisioningException($"{servers.Count} Hetzner servers carry contract {contractId}; remove the extra ones by hand."),
        };
    }

    private async Task<List<HetznerServer>> ListServersAsync(string selector, CancellationToken cancellationToken)
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

    private async Task<long> EnsureSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        var fingerprint = OpenSshKey.Md5Fingerprint(publicKey);
        var found = Check(await api.ListSshKeysAsync(fingerprint, cancellationToken), "look up SSH key").SshKeys;
        if (found.Count > 0)
        {
            return found[0].Id;
        }

        var name = "decent-cloud-" + fingerprint.Replace(":", string.Empty, StringComparison.Ordinal)[..16];
        var created = Check(await api.CreateSshKeyAsync(new HetznerCreateSshKey(name, publicKey.Trim(), new() { [ContractLabels.Managed] = "true" }), cancellationToken), "register SSH key");
        return created.SshKey.Id;
    }

    private async Task WaitForActionAsync(HetznerAction action, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            switch (action.Status)
            {
                case "success":
                    return;
                case "error":
                    throw new ProvisioningException($"Hetzner action {action.Command ?? action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)} failed: {action.Error?.Code}: {action.Error?.Message}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Hetzner action {action.Id} did not finish within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
            action = Check(await api.GetActionAsync(action.Id, cancellationToken), "get action").Action;
        }
    }

    private async Task<ProvisionedInstance> WaitForAddressAsync(long serverId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var server = Check(await api.GetServerAsync(serverId, cancellationToken), "get server").Server;
            if (server.Status == "running" && !string.IsNullOrEmpty(server.PublicNet?.Ipv4?.Ip ?? server.PublicNet?.Ipv6?.Ip))
            {
                return ToInstance(server);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Hetzner server {serverId} had no public address after {options.OperationTimeout} (status {server.Status}).");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static ProvisionedInstance ToInstance(HetznerServer server) => new(
        server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ContractLabels.Read(server.Labels),
        server.Status,
        server.PublicNet?.Ipv4?.Ip,
        server.PublicNet?.Ipv6?.Ip,
        22,
        new Dictionary<string, string> { ["name"] = server.Name });

    private static long ParseId(string externalId) =>
        long.TryParse(externalId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProvisioningException($"'{externalId}' is not a Hetzner server id.");

    private static T Check<T>(IApiResponse<T> response, string what)
    {
        if (response.IsSuccessStatusCode && response.Content is { } content)
        {
            return content;
        }

        var detail = (response.Error as ApiException)?.Content is { Length: > 0 } body ? ErrorText(body) : response.Error?.Message;
        throw new ProvisioningException($"Hetzner refused to {what}: HTTP {(int?)response.StatusCode} {detail}");
    }

    private static string ErrorText(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<HetznerErrorEnvelope>(body)?.Error;
            return error is null ? body : $"{error.Code}: {error.Message}";
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }
}
