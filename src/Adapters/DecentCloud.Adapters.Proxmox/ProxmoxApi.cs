using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.Proxmox;

/// <summary>The part of the Proxmox VE API the provisioner uses. Answers are <c>{"data": …}</c>.</summary>
internal interface IProxmoxApi
{
    /// <summary>A free VMID.</summary>
    [Get("/cluster/nextid")]
    Task<IApiResponse<PveData<JsonElement>>> NextIdAsync(CancellationToken cancellationToken);

    /// <summary>Clones a template; returns the task's UPID.</summary>
    [Post("/nodes/{node}/qemu/{template}/clone")]
    Task<IApiResponse<PveData<string>>> CloneAsync(string node, int template, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);

    /// <summary>Sets VM options (synchronous).</summary>
    [Put("/nodes/{node}/qemu/{vmid}/config")]
    Task<IApiResponse<PveData<JsonElement>>> SetConfigAsync(string node, int vmid, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);

    /// <summary>Reads VM options.</summary>
    [Get("/nodes/{node}/qemu/{vmid}/config")]
    Task<IApiResponse<PveData<PveVmConfig>>> GetConfigAsync(string node, int vmid, CancellationToken cancellationToken);

    /// <summary>Grows a disk; newer versions answer with a UPID.</summary>
    [Put("/nodes/{node}/qemu/{vmid}/resize")]
    Task<IApiResponse<PveData<JsonElement>>> ResizeAsync(string node, int vmid, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);

    /// <summary>Starts or stops a VM (<c>start</c>, <c>stop</c>); returns a UPID.</summary>
    [Post("/nodes/{node}/qemu/{vmid}/status/{action}")]
    Task<IApiResponse<PveData<string>>> ChangeStatusAsync(string node, int vmid, string action, CancellationToken cancellationToken);

    /// <summary>The VM's current state.</summary>
    [Get("/nodes/{node}/qemu/{vmid}/status/current")]
    Task<IApiResponse<PveData<PveVmStatus>>> StatusAsync(string node, int vmid, CancellationToken cancellationToken);

    /// <summary>The guest agent's view of the network; 500 while the agent is not running.</summary>
    [Get("/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces")]
    Task<IApiResponse<PveData<PveAgentResult>>> InterfacesAsync(string node, int vmid, CancellationToken cancellationToken);

    /// <summary>Starts a program in the guest through the guest agent (<c>input-data</c> is its stdin); returns its pid.</summary>
    [Post("/nodes/{node}/qemu/{vmid}/agent/exec")]
    Task<IApiResponse<PveData<PveExecStarted>>> AgentExecAsync(string node, int vmid, [Body(BodySerializationMethod.UrlEncoded)] Dictionary<string, string> form, CancellationToken cancellationToken);

    /// <summary>The state of a program started through the guest agent.</summary>
    [Get("/nodes/{node}/qemu/{vmid}/agent/exec-status")]
    Task<IApiResponse<PveData<PveExecStatus>>> AgentExecStatusAsync(string node, int vmid, [Query] long pid, CancellationToken cancellationToken);

    /// <summary>Destroys a VM with its disks; returns a UPID.</summary>
    [Delete("/nodes/{node}/qemu/{vmid}?purge=1&destroy-unreferenced-disks=1")]
    Task<IApiResponse<PveData<string>>> DestroyAsync(string node, int vmid, CancellationToken cancellationToken);

    /// <summary>All VMs of the node.</summary>
    [Get("/nodes/{node}/qemu")]
    Task<IApiResponse<PveData<List<PveVmStatus>>>> ListAsync(string node, CancellationToken cancellationToken);

    /// <summary>A task's state.</summary>
    [Get("/nodes/{node}/tasks/{upid}/status")]
    Task<IApiResponse<PveData<PveTaskStatus>>> TaskStatusAsync(string node, string upid, CancellationToken cancellationToken);

    /// <summary>A task's log lines.</summary>
    [Get("/nodes/{node}/tasks/{upid}/log")]
    Task<IApiResponse<PveData<List<PveLogLine>>>> TaskLogAsync(string node, string upid, CancellationToken cancellationToken);
}

/// <summary>The <c>{"data": …}</c> envelope.</summary>
internal sealed record PveData<T>([property: JsonPropertyName("data")] T? Data);

/// <summary>A VM's state as status and list calls report it.</summary>
internal sealed record PveVmStatus(
    [property: JsonPropertyName("vmid")] JsonElement Vmid,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string? Status);

/// <summary>The VM options the provisioner reads back.</summary>
internal sealed record PveVmConfig([property: JsonPropertyName("description")] string? Description);

/// <summary>A task's state.</summary>
internal sealed record PveTaskStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("exitstatus")] string? ExitStatus);

/// <summary>One task log line.</summary>
internal sealed record PveLogLine(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("t")] string T);

/// <summary>The guest agent's answer.</summary>
internal sealed record PveAgentResult([property: JsonPropertyName("result")] List<PveInterface>? Result);

/// <summary>A guest network interface.</summary>
internal sealed record PveInterface(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("ip-addresses")] List<PveIpAddress>? IpAddresses);

/// <summary>An address of a guest interface.</summary>
internal sealed record PveIpAddress(
    [property: JsonPropertyName("ip-address")] string Address,
    [property: JsonPropertyName("ip-address-type")] string Type);

/// <summary>A program the guest agent started.</summary>
internal sealed record PveExecStarted([property: JsonPropertyName("pid")] long Pid);

/// <summary>A guest program's state: <c>exited</c> (1 or true once it ended), its exit code and the tail of its error output.</summary>
internal sealed record PveExecStatus(
    [property: JsonPropertyName("exited")] JsonElement Exited,
    [property: JsonPropertyName("exitcode")] int? ExitCode,
    [property: JsonPropertyName("err-data")] string? ErrData)
{
    /// <summary>Whether the program ended.</summary>
    public bool HasExited => Exited.ValueKind == JsonValueKind.True || (Exited.ValueKind == JsonValueKind.Number && Exited.GetInt32() != 0);
}
