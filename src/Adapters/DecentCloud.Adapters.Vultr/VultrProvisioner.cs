using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DecentCloud.Application.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Vultr;

/// <summary>Vultr instances for contracts.</summary>
public sealed class VultrProvisioner(IVultrApi api, VultrOptions options, TimeProvider time) : IProvisioner
{
    private const int PageSize = 100;
    private const string NoAddressYet = "0.0.0.0";

    /// <inheritdoc />
    public string Type => "vultr";

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // An instance already tagged with the contract is the one an interrupted run created: finish that one.
        var existing = await FindAsync(request.ContractId, cancellationToken);
        if (existing is null)
        {
            var keys = new List<string>();
            foreach (var key in request.SshPublicKeys)
            {
                keys.Add(await EnsureSshKeyAsync(key, cancellationToken));
            }

            var config = InstanceConfig.Parse(request.InstanceConfig);
            var osText = config.Get("os_id", null);
            var osId = osText is null ? options.DefaultOsId
                : int.TryParse(osText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
                : throw new ProvisioningException($"instance config os_id '{osText}' is not a number");
            var name = ContractTags.InstanceName(request.ContractId);
            var body = new VultrCreateInstance(
                config.Get("region", options.DefaultRegion)!,
                config.Get("plan", options.DefaultPlan)!,
                osId,
                name,
                name,
                keys,
                [ContractTags.Managed, ContractTags.For(request.ContractId)],
                Convert.ToBase64String(Encoding.UTF8.GetBytes(CloudInit.UserData(request))));
            existing = Check(await api.CreateInstanceAsync(body, cancellationToken), "create instance").Instance;
        }

        return await WaitUntilActiveAsync(existing.Id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteInstanceAsync(externalId, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.NoContent))
        {
            Check(response, "delete instance");
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string externalId, CancellationToken cancellationToken) =>
        CheckEmpty(await api.HaltAsync(externalId, cancellationToken), "halt instance");

    /// <inheritdoc />
    public async Task StartAsync(string externalId, CancellationToken cancellationToken) =>
        CheckEmpty(await api.StartAsync(externalId, cancellationToken), "start instance");

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetInstanceAsync(externalId, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : ToInstance(Check(response, "get instance").Instance);
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var instance = await FindAsync(contractId, cancellationToken);
        return instance is null ? null : ToInstance(instance);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) =>
        (await ListByTagAsync(ContractTags.Managed, cancellationToken)).Select(ToInstance).ToArray();

    /// <inheritdoc />
    public async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListInstancesAsync(ContractTags.Managed, 1, null, cancellationToken), "list instances (check the API key)");

    private async Task<VultrInstance?> FindAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var found = await ListByTagAsync(ContractTags.For(contractId), cancellationToken);
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new ProvisioningException($"{found.Count} Vultr instances carry contract {contractId}; remove the extra ones by hand."),
        };
    }

    private async Task<List<VultrInstance>> ListByTagAsync(string tag, CancellationToken cancellationToken)
    {
        var all = new List<VultrInstance>();
        string? cursor = null;
        do
        {
            var page = Check(await api.ListInstancesAsync(tag, PageSize, cursor, cancellationToken), "list instances");
            all.AddRange(page.Instances);
            cursor = page.Meta?.Links?.Next;
        }
        while (!string.IsNullOrEmpty(cursor));
        return all;
    }

    private async Task<string> EnsureSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        // Vultr cannot look keys up by fingerprint, so keys are matched on their type and base64 body.
        var wanted = KeyBody(publicKey);
        string? cursor = null;
        do
        {
            var page = Check(await api.ListSshKeysAsync(PageSize, cursor, cancellationToken), "list SSH keys");
            var match = page.SshKeys.FirstOrDefault(k => k.Key is not null && KeyBody(k.Key) == wanted);
            if (match is not null)
            {
                return match.Id;
            }

            cursor = page.Meta?.Links?.Next;
        }
        while (!string.IsNullOrEmpty(cursor));

        var name = "decent-cloud-" + OpenSshKey.Md5Fingerprint(publicKey).Replace(":", string.Empty, StringComparison.Ordinal)[..16];
        return Check(await api.CreateSshKeyAsync(new VultrCreateSshKey(name, publicKey.Trim()), cancellationToken), "register SSH key").SshKey.Id;
    }

    private static string KeyBody(string key) => string.Join(' ', key.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private async Task<ProvisionedInstance> WaitUntilActiveAsync(string id, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var instance = Check(await api.GetInstanceAsync(id, cancellationToken), "get instance").Instance;
            if (instance.Status == "active" && instance.MainIp is { Length: > 0 } ip && ip != NoAddressYet)
            {
                return ToInstance(instance);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Vultr instance {id} had no public address after {options.OperationTimeout} (status {instance.Status}).");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static ProvisionedInstance ToInstance(VultrInstance instance) => new(
        instance.Id,
        ContractTags.Read(instance.Tags),
        instance.PowerStatus is "stopped" ? "stopped" : instance.Status,
        instance.MainIp is { Length: > 0 } ip && ip != NoAddressYet ? ip : null,
        string.IsNullOrEmpty(instance.V6MainIp) ? null : instance.V6MainIp,
        22,
        new Dictionary<string, string> { ["label"] = instance.Label ?? string.Empty });

    private static void CheckEmpty(IApiResponse<object> response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            Check(response, what);
        }
    }

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
            detail = body is { Length: > 0 } && JsonSerializer.Deserialize<VultrError>(body) is { Error: not null } error ? error.Error : response.Error?.Message;
        }
        catch (JsonException)
        {
            detail = body;
        }

        throw new ProvisioningException($"Vultr refused to {what}: HTTP {(int?)response.StatusCode} {detail}");
    }
}
