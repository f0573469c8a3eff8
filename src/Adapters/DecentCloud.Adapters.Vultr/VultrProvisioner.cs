using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DecentCloud.Adapters.Shared;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Vultr;

/// <summary>Vultr instances for contracts: the <see cref="CloudProvisioner{TMachine}"/> steps mapped onto API v2.</summary>
internal sealed class VultrProvisioner(IVultrApi api, VultrOptions options, TimeProvider time) : CloudProvisioner<VultrInstance>(options, time)
{
    private const int PageSize = 100;
    private const string NoAddressYet = "0.0.0.0";
    private readonly VultrOptions _options = options;

    /// <inheritdoc />
    public override string Type => "vultr";

    /// <inheritdoc />
    protected override string MachineNoun => "Vultr instance";

    /// <inheritdoc />
    protected override async Task DeleteAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteInstanceAsync(externalId, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.NoContent))
        {
            Check(response, "delete instance");
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(string externalId, CancellationToken cancellationToken) =>
        CheckEmpty(await api.HaltAsync(externalId, cancellationToken), "halt instance");

    /// <inheritdoc />
    public override async Task StartAsync(string externalId, CancellationToken cancellationToken) =>
        CheckEmpty(await api.StartAsync(externalId, cancellationToken), "start instance");

    /// <inheritdoc />
    public override async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.ListInstancesAsync(ContractTags.Managed, 1, null, cancellationToken), "list instances (check the API key)");

    /// <inheritdoc />
    protected override Task<IReadOnlyList<VultrInstance>> ListByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        ListByTagAsync(ContractTags.For(contractId), cancellationToken);

    /// <inheritdoc />
    protected override Task<IReadOnlyList<VultrInstance>> ListManagedAsync(CancellationToken cancellationToken) =>
        ListByTagAsync(ContractTags.Managed, cancellationToken);

    /// <inheritdoc />
    protected override async Task<VultrInstance?> GetMachineAsync(string externalId, CancellationToken cancellationToken)
    {
        var response = await api.GetInstanceAsync(externalId, cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound ? null : Check(response, "get instance").Instance;
    }

    /// <inheritdoc />
    protected override async Task<string?> FindSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        // Vultr cannot look keys up by fingerprint, so keys are matched on their type and base64 body.
        var wanted = KeyBody(publicKey);
        string? cursor = null;
        do
        {
            var page = Check(await api.ListSshKeysAsync(PageSize, cursor, cancellationToken), "list SSH keys");
            if (page.SshKeys.FirstOrDefault(k => k.Key is not null && KeyBody(k.Key) == wanted) is { } match)
            {
                return match.Id;
            }

            cursor = page.Meta?.Links?.Next;
        }
        while (!string.IsNullOrEmpty(cursor));
        return null;
    }

    /// <inheritdoc />
    protected override async Task<string> RegisterSshKeyAsync(string name, string publicKey, CancellationToken cancellationToken) =>
        Check(await api.CreateSshKeyAsync(new VultrCreateSshKey(name, publicKey), cancellationToken), "register SSH key").SshKey.Id;

    /// <inheritdoc />
    protected override async Task<string> CreateAsync(ProvisionRequest request, InstanceConfig config, IReadOnlyList<string> sshKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(config);
        var osText = config.Get("os_id", null);
        var osId = osText is null ? _options.DefaultOsId
            : int.TryParse(osText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw new ProvisioningException($"instance config os_id '{osText}' is not a number");
        var name = ContractTags.InstanceName(request.ContractId);
        var body = new VultrCreateInstance(
            config.Get("region", _options.DefaultRegion)!,
            config.Get("plan", _options.DefaultPlan)!,
            osId,
            name,
            name,
            [.. sshKeys],
            [ContractTags.Managed, ContractTags.For(request.ContractId)],
            Convert.ToBase64String(Encoding.UTF8.GetBytes(CloudInit.UserData(request))));
        return Check(await api.CreateInstanceAsync(body, cancellationToken), "create instance").Instance.Id;
    }

    /// <inheritdoc />
    protected override bool IsReady(VultrInstance machine) => machine.Status == "active" && Address(machine) is not null;

    /// <inheritdoc />
    protected override ProvisionedInstance ToInstance(VultrInstance machine) => new(
        machine.Id,
        ContractTags.Read(machine.Tags),
        machine.PowerStatus is "stopped" ? "stopped" : machine.Status,
        Address(machine),
        string.IsNullOrEmpty(machine.V6MainIp) ? null : machine.V6MainIp,
        22,
        new Dictionary<string, string> { ["label"] = machine.Label ?? string.Empty });

    private static string? Address(VultrInstance machine) => machine.MainIp is { Length: > 0 } ip && ip != NoAddressYet ? ip : null;

    private async Task<IReadOnlyList<VultrInstance>> ListByTagAsync(string tag, CancellationToken cancellationToken)
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

    private static string KeyBody(string key) => string.Join(' ', key.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2));

    private static void CheckEmpty(IApiResponse<object> response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw ApiErrors.Refused(response, "Vultr", what, ErrorText);
        }
    }

    private static T Check<T>(IApiResponse<T> response, string what) => ApiErrors.Check(response, "Vultr", what, ErrorText);

    private static string? ErrorText(string body) => JsonSerializer.Deserialize<VultrError>(body)?.Error;
}
