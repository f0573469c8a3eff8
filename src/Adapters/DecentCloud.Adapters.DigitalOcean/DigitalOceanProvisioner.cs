using System.Globalization;
using System.Net;
using System.Text.Json;
using DecentCloud.Application.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>DigitalOcean droplets for contracts.</summary>
public sealed class DigitalOceanProvisioner(IDigitalOceanApi api, DigitalOceanOptions options, TimeProvider time) : IProvisioner
{
    private const int PageSize = 100;

    /// <inheritdoc />
    public string Type => "digitalocean";

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A droplet already tagged with the contract is the one an interrupted run created: finish that one.
        var existing = await FindDropletAsync(request.ContractId, cancellationToken);
        if (existing is null)
        {
            var keys = new List<long>();
            foreach (var key in request.SshPublicKeys)
            {
                keys.Add(await EnsureSshKeyAsync(key, cancellationToken));
            }

            var config = InstanceConfig.Parse(request.InstanceConfig);
            var body = new DoCreateDroplet(
                ContractTags.InstanceName(request.ContractId),
                config.Get("region", options.DefaultRegion)!,
                config.Get("size", options.DefaultSize)!,
                config.Get("image", options.DefaultImage)!,
                keys,
                [ContractTags.Managed, ContractTags.For(request.ContractId)],
                CloudInit.UserData(request));
            var created = Check(await api.CreateDropletAsync(body, cancellationToken), "create droplet");
            foreach (var action in created.Links?.Actions ?? [])
            {
                await WaitForActionAsync(action.Id, cancellationToken);
            }

            existing = created.Droplet;
        }

        return await WaitForAddressAsync(existing.Id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteDropletAsync(ParseId(externalId), cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
        {
            return;
        }

        Check(response, "delete droplet");
    }

    /// <inheritdoc />
    public Task StopAsync(string externalId, CancellationToken cancellationToken) => RunActionAsync(externalId, "shutdown", cancellationToken);

    /// <inheritdoc />
    public Task StartAsync(string externalId, CancellationToken cancellationToken) => RunActionAsync(externalId, "power_on", cancellationToken);

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetDropletAsync(ParseId(externalId), cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ToInstance(Check(response, "get droplet").Droplet);
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var droplet = await FindDropletAsync(contractId, cancellationToken);
        return droplet is null ? null : ToInstance(droplet);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) =>
        (await ListDropletsAsync(ContractTags.Managed, cancellationToken)).Select(ToInstance).ToArray();

    /// <inheritdoc />
    public async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListDropletsAsync(ContractTags.Managed, 1, 1, cancellationToken), "list droplets (check the API token)");

    private async Task RunActionAsync(string externalId, string type, CancellationToken cancellationToken)
    {
        var action = Check(await api.DropletActionAsync(ParseId(externalId), new DoDropletAction(type), cancellationToken), type).Action;
        await WaitForActionAsync(action.Id, cancellationToken, action);
    }

    private async Task<DoDroplet?> FindDropletAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var droplets = await ListDropletsAsync(ContractTags.For(contractId), cancellationToken);
        return droplets.Count switch
        {
            0 => null,
            1 => droplets[0],
            _ => throw new ProvisioningException($"{droplets.Count} droplets carry contract {contractId}; remove the extra ones by hand."),
        };
    }

    private async Task<List<DoDroplet>> ListDropletsAsync(string tag, CancellationToken cancellationToken)
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

    private async Task<long> EnsureSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        var fingerprint = OpenSshKey.Md5Fingerprint(publicKey);
        var found = await api.GetSshKeyAsync(fingerprint, cancellationToken);
        if (found.StatusCode != HttpStatusCode.NotFound)
        {
            return Check(found, "look up SSH key").SshKey.Id;
        }

        var name = "decent-cloud-" + fingerprint.Replace(":", string.Empty, StringComparison.Ordinal)[..16];
        return Check(await api.CreateSshKeyAsync(new DoCreateSshKey(name, publicKey.Trim()), cancellationToken), "register SSH key").SshKey.Id;
    }

    private async Task WaitForActionAsync(long actionId, CancellationToken cancellationToken, DoAction? known = null)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        var action = known ?? Check(await api.GetActionAsync(actionId, cancellationToken), "get action").Action;
        while (true)
        {
            switch (action.Status)
            {
                case "completed":
                    return;
                case "errored":
                    throw new ProvisioningException($"DigitalOcean action {action.Type ?? actionId.ToString(CultureInfo.InvariantCulture)} ({actionId}) errored.");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"DigitalOcean action {actionId} did not finish within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
            action = Check(await api.GetActionAsync(actionId, cancellationToken), "get action").Action;
        }
    }

    private async Task<ProvisionedInstance> WaitForAddressAsync(long dropletId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var droplet = Check(await api.GetDropletAsync(dropletId, cancellationToken), "get droplet").Droplet;
            var instance = ToInstance(droplet);
            if (droplet.Status == "active" && (instance.Ipv4 ?? instance.Ipv6) is not null)
            {
                return instance;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"droplet {dropletId} had no public address after {options.OperationTimeout} (status {droplet.Status}).");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static ProvisionedInstance ToInstance(DoDroplet droplet) => new(
        droplet.Id.ToString(CultureInfo.InvariantCulture),
        ContractTags.Read(droplet.Tags),
        droplet.Status,
        droplet.Networks?.V4?.FirstOrDefault(a => a.Type == "public")?.IpAddress,
        droplet.Networks?.V6?.FirstOrDefault(a => a.Type == "public")?.IpAddress,
        22,
        new Dictionary<string, string> { ["name"] = droplet.Name });

    private static long ParseId(string externalId) =>
        long.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new ProvisioningException($"'{externalId}' is not a droplet id.");

    private static T Check<T>(IApiResponse<T> response, string what)
    {
        if (response.IsSuccessStatusCode && response.Content is { } content)
        {
            return content;
        }

        var body = (response.Error as ApiException)?.Content;
        string? detail;
        try
        {
            detail = body is { Length: > 0 } && JsonSerializer.Deserialize<DoError>(body) is { Message: not null } error ? $"{error.Id}: {error.Message}" : response.Error?.Message;
        }
        catch (JsonException)
        {
            detail = body;
        }

        throw new ProvisioningException($"DigitalOcean refused to {what}: HTTP {(int?)response.StatusCode} {detail}");
    }
}
