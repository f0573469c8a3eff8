using System.Globalization;
using System.Net;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Proxmox;

/// <summary>Proxmox VE VMs for contracts, cloned from a cloud-init template.</summary>
internal sealed class ProxmoxProvisioner(IProxmoxApi api, ProxmoxOptions options, TimeProvider time) : IProvisioner
{
    private const int CloneAttempts = 3;
    private string Node => options.Node;

    /// <inheritdoc />
    public string Type => "proxmox";

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The description written at clone time names the contract, so a VM from an interrupted run is found and finished.
        var existing = await FindVmidAsync(request.ContractId, cancellationToken);
        var vmid = existing ?? await CloneAsync(request, cancellationToken);
        await ConfigureAsync(vmid, request, cancellationToken);
        var status = Check(await api.StatusAsync(Node, vmid, cancellationToken), "read VM status").Data;
        if (status?.Status != "running")
        {
            await WaitForTaskAsync(Check(await api.ChangeStatusAsync(Node, vmid, "start", cancellationToken), "start VM").Data!, cancellationToken);
        }

        var instance = await WaitForAddressAsync(vmid, request.ContractId, cancellationToken);

        // A VM found by contract is one an earlier run cloned, and that run ran the script: it runs once, on a new VM.
        if (existing is null)
        {
            await RunPostProvisionScriptOnceAsync(vmid, request.PostProvisionScript, cancellationToken);
        }

        return instance;
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        var vmid = ParseVmid(externalId);
        var status = await api.StatusAsync(Node, vmid, cancellationToken);
        if (IsMissing(status))
        {
            return;
        }

        if (Check(status, "read VM status").Data?.Status == "running")
        {
            await WaitForTaskAsync(Check(await api.ChangeStatusAsync(Node, vmid, "stop", cancellationToken), "stop VM").Data!, cancellationToken);
        }

        await WaitForTaskAsync(Check(await api.DestroyAsync(Node, vmid, cancellationToken), "destroy VM").Data!, cancellationToken);
    }

    /// <inheritdoc />
    public async Task StopAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForTaskAsync(Check(await api.ChangeStatusAsync(Node, ParseVmid(externalId), "stop", cancellationToken), "stop VM").Data!, cancellationToken);

    /// <inheritdoc />
    public async Task StartAsync(string externalId, CancellationToken cancellationToken) =>
        await WaitForTaskAsync(Check(await api.ChangeStatusAsync(Node, ParseVmid(externalId), "start", cancellationToken), "start VM").Data!, cancellationToken);

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken)
    {
        var vmid = ParseVmid(externalId);
        var status = await api.StatusAsync(Node, vmid, cancellationToken);
        if (IsMissing(status))
        {
            return null;
        }

        var contract = await ReadContractAsync(vmid, cancellationToken);
        return Instance(vmid, contract, Check(status, "read VM status").Data?.Status ?? "unknown", null);
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var vmid = await FindVmidAsync(contractId, cancellationToken);
        return vmid is null ? null : await GetInstanceAsync(vmid.Value.ToString(CultureInfo.InvariantCulture), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ProvisionedInstance>();
        foreach (var vm in await ListVmsAsync(cancellationToken))
        {
            if (vm.Name?.StartsWith(NamePrefix, StringComparison.Ordinal) == true && await ReadContractAsync(Vmid(vm), cancellationToken) is { } contract)
            {
                result.Add(Instance(Vmid(vm), contract, vm.Status ?? "unknown", null));
            }
        }

        return result;
    }

    /// <inheritdoc />
    public async Task VerifySetupAsync(CancellationToken cancellationToken)
    {
        var template = Check(await api.GetConfigAsync(Node, options.TemplateVmid, cancellationToken), $"read template {options.TemplateVmid} on node {Node}");
        _ = template.Data ?? throw new ProvisioningException($"template {options.TemplateVmid} has no configuration");
    }

    private const string NamePrefix = "dc-";
    private const string DescriptionTag = "decent-cloud-contract:";

    private static string VmName(ContractId contractId) => NamePrefix + contractId.Hex[..Math.Min(40, contractId.Hex.Length)];

    private async Task<int> CloneAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var config = InstanceConfig.Parse(request.InstanceConfig);
        var template = int.TryParse(config.Get("template", null), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : options.TemplateVmid;
        for (var attempt = 1; ; attempt++)
        {
            // /cluster/nextid hands the same id to two racing callers; the clone of the loser fails and takes a fresh id.
            var next = Check(await api.NextIdAsync(cancellationToken), "allocate a VMID").Data;
            var vmid = next.ValueKind == JsonValueKind.Number ? next.GetInt32() : int.Parse(next.GetString()!, CultureInfo.InvariantCulture);
            var form = new Dictionary<string, string>
            {
                ["newid"] = vmid.ToString(CultureInfo.InvariantCulture),
                ["name"] = VmName(request.ContractId),
                ["full"] = "1",
                ["storage"] = config.Get("storage", options.Storage)!,
                ["description"] = DescriptionTag + request.ContractId.Hex,
            };
            if (options.Pool is not null)
            {
                form["pool"] = options.Pool;
            }

            var clone = await api.CloneAsync(Node, template, form, cancellationToken);
            if (!clone.IsSuccessStatusCode && attempt < CloneAttempts && Detail(clone).Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            await WaitForTaskAsync(Check(clone, "clone the template").Data!, cancellationToken);
            return vmid;
        }
    }

    private async Task ConfigureAsync(int vmid, ProvisionRequest request, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["ciuser"] = request.LoginUser,
            ["cipassword"] = request.Password,

            // Proxmox wants the key list percent-encoded inside the form value (spaces as %20).
            ["sshkeys"] = Uri.EscapeDataString(string.Join('\n', request.SshPublicKeys)),
            ["ipconfig0"] = "ip=dhcp",
            ["cores"] = request.Cores.ToString(CultureInfo.InvariantCulture),
            ["memory"] = request.MemoryMb.ToString(CultureInfo.InvariantCulture),
        };
        Check(await api.SetConfigAsync(Node, vmid, form, cancellationToken), "set cloud-init options");
        var resize = Check(await api.ResizeAsync(Node, vmid, new() { ["disk"] = "scsi0", ["size"] = $"{request.StorageGb}G" }, cancellationToken), "resize the disk");
        if (resize.Data.ValueKind == JsonValueKind.String)
        {
            await WaitForTaskAsync(resize.Data.GetString()!, cancellationToken);
        }
    }

    // A failed script fails the contract, so the VM is destroyed rather than left running (and billed) for nobody.
    private async Task RunPostProvisionScriptOnceAsync(int vmid, string? script, CancellationToken cancellationToken)
    {
        try
        {
            await RunPostProvisionScriptAsync(vmid, script, cancellationToken);
        }
        catch (ProvisioningException failed)
        {
            try
            {
                await TerminateAsync(vmid.ToString(CultureInfo.InvariantCulture), cancellationToken);
            }
            catch (ProvisioningException cleanup)
            {
                // The script's failure is what the user must read; the leftover is the reconciler's to remove.
                throw new ProvisioningException($"{failed.Message} (removing the VM failed too: {cleanup.Message})", failed);
            }

            throw;
        }
    }

    // Proxmox cannot upload a cloud-init user-data snippet through its API, but the guest agent (already needed
    // for the address) runs a program: bash reads the script from stdin, so no quoting is involved.
    private async Task RunPostProvisionScriptAsync(int vmid, string? script, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(script))
        {
            return;
        }

        var form = new Dictionary<string, string> { ["command"] = "/bin/bash", ["input-data"] = script };
        var pid = Check(await api.AgentExecAsync(Node, vmid, form, cancellationToken), "run the post-provision script").Data!.Pid;
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var status = Check(await api.AgentExecStatusAsync(Node, vmid, pid, cancellationToken), "read the post-provision script's status").Data!;
            if (status.HasExited)
            {
                if (status.ExitCode is 0 or null)
                {
                    return;
                }

                var tail = status.ErrData is { Length: > 500 } err ? err[^500..] : status.ErrData;
                throw new ProvisioningException($"the post-provision script in Proxmox VM {vmid} failed with exit code {status.ExitCode}: {tail}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"the post-provision script in Proxmox VM {vmid} did not finish within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private async Task<int?> FindVmidAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        foreach (var vm in (await ListVmsAsync(cancellationToken)).Where(v => v.Name == VmName(contractId)))
        {
            if (await ReadContractAsync(Vmid(vm), cancellationToken) == contractId)
            {
                return Vmid(vm);
            }
        }

        return null;
    }

    private async Task<List<PveVmStatus>> ListVmsAsync(CancellationToken cancellationToken) =>
        Check(await api.ListAsync(Node, cancellationToken), "list VMs").Data ?? [];

    private async Task<ContractId?> ReadContractAsync(int vmid, CancellationToken cancellationToken)
    {
        var description = Check(await api.GetConfigAsync(Node, vmid, cancellationToken), "read VM configuration").Data?.Description ?? string.Empty;
        var start = description.IndexOf(DescriptionTag, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var hex = new string(description[(start + DescriptionTag.Length)..].TakeWhile(Uri.IsHexDigit).ToArray());
        var id = ContractId.FromHex(hex);
        return id.IsSuccess ? id.Value : null;
    }

    private async Task WaitForTaskAsync(string upid, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var status = Check(await api.TaskStatusAsync(Node, upid, cancellationToken), "read task status").Data!;
            if (status.Status == "stopped")
            {
                if (status.ExitStatus == "OK")
                {
                    return;
                }

                var log = Check(await api.TaskLogAsync(Node, upid, cancellationToken), "read task log").Data ?? [];
                var tail = string.Join(" | ", log.OrderBy(l => l.N).TakeLast(10).Select(l => l.T));
                throw new ProvisioningException($"Proxmox task {upid} failed: {status.ExitStatus}; log: {tail}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Proxmox task {upid} did not finish within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private async Task<ProvisionedInstance> WaitForAddressAsync(int vmid, ContractId contractId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            // 500 means the guest agent is not up yet: keep polling.
            var answer = await api.InterfacesAsync(Node, vmid, cancellationToken);
            var address = answer.IsSuccessStatusCode
                ? answer.Content?.Data?.Result?
                    .Where(i => i.Name != "lo")
                    .SelectMany(i => i.IpAddresses ?? [])
                    .FirstOrDefault(a => a.Type == "ipv4" && !a.Address.StartsWith("127.", StringComparison.Ordinal) && !a.Address.StartsWith("169.254.", StringComparison.Ordinal))?.Address
                : null;
            if (address is not null)
            {
                return Instance(vmid, contractId, "running", address);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"Proxmox VM {vmid} reported no IPv4 address through the guest agent within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static ProvisionedInstance Instance(int vmid, ContractId? contract, string status, string? ipv4) => new(
        vmid.ToString(CultureInfo.InvariantCulture), contract, status, ipv4, null, 22, new Dictionary<string, string>());

    private static int Vmid(PveVmStatus vm) =>
        vm.Vmid.ValueKind == JsonValueKind.Number ? vm.Vmid.GetInt32() : int.Parse(vm.Vmid.GetString()!, CultureInfo.InvariantCulture);

    private static int ParseVmid(string externalId) =>
        int.TryParse(externalId, NumberStyles.None, CultureInfo.InvariantCulture, out var vmid) && vmid >= 100
            ? vmid
            : throw new ProvisioningException($"'{externalId}' is not a Proxmox VMID.");

    // Proxmox answers 500 "Configuration file ... does not exist" for a VM that is gone.
    private static bool IsMissing<T>(IApiResponse<T> response) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (response.StatusCode == HttpStatusCode.InternalServerError && Detail(response).Contains("does not exist", StringComparison.OrdinalIgnoreCase));

    private static string Detail<T>(IApiResponse<T> response) =>
        $"{(response.Error as ApiException)?.ReasonPhrase} {(response.Error as ApiException)?.Content}".Trim();

    private static PveData<T> Check<T>(IApiResponse<PveData<T>> response, string what) =>
        response.IsSuccessStatusCode && response.Content is { } content
            ? content
            : throw new ProvisioningException($"Proxmox refused to {what}: HTTP {(int?)response.StatusCode} {Detail(response)}");
}
