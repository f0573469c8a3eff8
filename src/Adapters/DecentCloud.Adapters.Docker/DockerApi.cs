using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.Docker;

/// <summary>The part of the Docker Engine API the provisioner uses.</summary>
internal interface IDockerApi
{
    /// <summary>Containers matching filters (JSON), stopped ones included.</summary>
    [Get("/containers/json?all=true")]
    Task<IApiResponse<List<DockerContainerSummary>>> ListAsync([Query] string filters, CancellationToken cancellationToken);

    /// <summary>Creates a container.</summary>
    [Post("/containers/create")]
    Task<IApiResponse<DockerCreated>> CreateAsync([Query] string name, [Body] DockerCreateContainer body, CancellationToken cancellationToken);

    /// <summary>Starts a container (204, or 304 when running).</summary>
    [Post("/containers/{id}/start")]
    Task<IApiResponse<object>> StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>Stops a container (204, or 304 when stopped).</summary>
    [Post("/containers/{id}/stop")]
    Task<IApiResponse<object>> StopAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes a container with its anonymous volumes.</summary>
    [Delete("/containers/{id}?force=true&v=true")]
    Task<IApiResponse<object>> RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>A container's full state.</summary>
    [Get("/containers/{id}/json")]
    Task<IApiResponse<DockerContainer>> InspectAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates an exec in a running container.</summary>
    [Post("/containers/{id}/exec")]
    Task<IApiResponse<DockerCreated>> CreateExecAsync(string id, [Body] DockerExec body, CancellationToken cancellationToken);

    /// <summary>Starts an exec detached.</summary>
    [Post("/exec/{id}/start")]
    Task<IApiResponse<object>> StartExecAsync(string id, [Body] DockerExecStart body, CancellationToken cancellationToken);

    /// <summary>An exec's state.</summary>
    [Get("/exec/{id}/json")]
    Task<IApiResponse<DockerExecState>> InspectExecAsync(string id, CancellationToken cancellationToken);

    /// <summary>The engine's version (to check the socket).</summary>
    [Get("/version")]
    Task<IApiResponse<JsonElement>> VersionAsync(CancellationToken cancellationToken);
}

/// <summary>A container in a list.</summary>
internal sealed record DockerContainerSummary(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("State")] string? State,
    [property: JsonPropertyName("Labels")] Dictionary<string, string>? Labels);

/// <summary>The body of a container to create.</summary>
internal sealed record DockerCreateContainer(
    [property: JsonPropertyName("Image")] string Image,
    [property: JsonPropertyName("Hostname")] string Hostname,
    [property: JsonPropertyName("Labels")] Dictionary<string, string> Labels,
    [property: JsonPropertyName("ExposedPorts")] Dictionary<string, object> ExposedPorts,
    [property: JsonPropertyName("HostConfig")] DockerHostConfig HostConfig);

/// <summary>Limits and port bindings.</summary>
internal sealed record DockerHostConfig(
    [property: JsonPropertyName("NanoCpus")] long NanoCpus,
    [property: JsonPropertyName("Memory")] long Memory,
    [property: JsonPropertyName("PortBindings")] Dictionary<string, List<DockerPortBinding>> PortBindings,
    [property: JsonPropertyName("RestartPolicy")] DockerRestartPolicy RestartPolicy);

/// <summary>A host port binding; an empty port lets the engine choose.</summary>
internal sealed record DockerPortBinding(
    [property: JsonPropertyName("HostIp")] string HostIp,
    [property: JsonPropertyName("HostPort")] string HostPort);

/// <summary>When the engine restarts the container.</summary>
internal sealed record DockerRestartPolicy([property: JsonPropertyName("Name")] string Name);

/// <summary>The id of something created.</summary>
internal sealed record DockerCreated([property: JsonPropertyName("Id")] string Id);

/// <summary>A container's full state.</summary>
internal sealed record DockerContainer(
    [property: JsonPropertyName("Id")] string Id,
    [property: JsonPropertyName("State")] DockerState? State,
    [property: JsonPropertyName("Config")] DockerConfig? Config,
    [property: JsonPropertyName("NetworkSettings")] DockerNetworkSettings? NetworkSettings);

/// <summary>Running state.</summary>
internal sealed record DockerState(
    [property: JsonPropertyName("Status")] string? Status,
    [property: JsonPropertyName("Running")] bool Running);

/// <summary>The container's configuration.</summary>
internal sealed record DockerConfig([property: JsonPropertyName("Labels")] Dictionary<string, string>? Labels);

/// <summary>Addresses and published ports.</summary>
internal sealed record DockerNetworkSettings(
    [property: JsonPropertyName("IPAddress")] string? IpAddress,
    [property: JsonPropertyName("Ports")] Dictionary<string, List<DockerPortBinding>?>? Ports);

/// <summary>An exec to create.</summary>
internal sealed record DockerExec(
    [property: JsonPropertyName("Cmd")] List<string> Cmd,
    [property: JsonPropertyName("Env")] List<string> Env,
    [property: JsonPropertyName("User")] string User,
    [property: JsonPropertyName("AttachStdout")] bool AttachStdout,
    [property: JsonPropertyName("AttachStderr")] bool AttachStderr);

/// <summary>How to start an exec.</summary>
internal sealed record DockerExecStart([property: JsonPropertyName("Detach")] bool Detach);

/// <summary>An exec's state.</summary>
internal sealed record DockerExecState(
    [property: JsonPropertyName("Running")] bool Running,
    [property: JsonPropertyName("ExitCode")] int? ExitCode);

/// <summary>A failed request's body.</summary>
internal sealed record DockerError([property: JsonPropertyName("message")] string? Message);
