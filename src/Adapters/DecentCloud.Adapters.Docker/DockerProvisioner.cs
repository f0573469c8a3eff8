using System.Globalization;
using System.Net;
using System.Text.Json;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Domain.Contracts;
using Refit;

namespace DecentCloud.Adapters.Docker;

/// <summary>Docker containers for contracts.</summary>
internal sealed class DockerProvisioner(IDockerApi api, DockerOptions options, TimeProvider time) : IProvisioner
{
    private const string ManagedLabel = "org.decent-cloud.managed";
    private const string ContractLabel = "org.decent-cloud.contract";
    private const string SshPort = "22/tcp";

    // Runs as root inside the container; every value arrives through the exec environment.
    private const string CredentialScript =
        "id \"$DC_USER\" >/dev/null 2>&1 || useradd -m -s /bin/bash \"$DC_USER\"; " +
        "printf '%s:%s\\n' \"$DC_USER\" \"$DC_PASSWORD\" | chpasswd && " +
        "home=$(getent passwd \"$DC_USER\" | cut -d: -f6) && mkdir -p \"$home/.ssh\" && " +
        "printf '%s\\n' \"$DC_KEYS\" >> \"$home/.ssh/authorized_keys\" && " +
        "chown -R \"$DC_USER\" \"$home/.ssh\" && chmod 700 \"$home/.ssh\" && chmod 600 \"$home/.ssh/authorized_keys\"";

    /// <inheritdoc />
    public string Type => "docker";

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var existing = (await FindAsync(request.ContractId, cancellationToken))?.Id;
        var id = existing ?? await CreateAsync(request, cancellationToken);
        var started = await api.StartAsync(id, cancellationToken);
        if (started.StatusCode != HttpStatusCode.NotModified)
        {
            EnsureOk(started, "start container");
        }

        await SetCredentialsAsync(id, request, cancellationToken);
        if (existing is null)
        {
            await RunPostProvisionScriptOnceAsync(id, request.PostProvisionScript, cancellationToken);
        }

        return ToInstance(Check(await api.InspectAsync(id, cancellationToken), "inspect container"));
    }

    /// <inheritdoc />
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        var removed = await api.RemoveAsync(externalId, cancellationToken);
        if (removed.StatusCode != HttpStatusCode.NotFound)
        {
            EnsureOk(removed, "remove container");
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(string externalId, CancellationToken cancellationToken)
    {
        var stopped = await api.StopAsync(externalId, cancellationToken);
        if (stopped.StatusCode != HttpStatusCode.NotModified)
        {
            EnsureOk(stopped, "stop container");
        }
    }

    /// <inheritdoc />
    public async Task StartAsync(string externalId, CancellationToken cancellationToken)
    {
        var started = await api.StartAsync(externalId, cancellationToken);
        if (started.StatusCode != HttpStatusCode.NotModified)
        {
            EnsureOk(started, "start container");
        }
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken)
    {
        var inspected = await api.InspectAsync(externalId, cancellationToken);
        return inspected.StatusCode == HttpStatusCode.NotFound ? null : ToInstance(Check(inspected, "inspect container"));
    }

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var found = await FindAsync(contractId, cancellationToken);
        return found is null ? null : await GetInstanceAsync(found.Id, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken)
    {
        var list = Check(await api.ListAsync(Filter(ManagedLabel + "=true"), cancellationToken), "list containers");
        return list.Select(c => new ProvisionedInstance(c.Id, ReadContract(c.Labels), c.State ?? "unknown", null, null, 0, new Dictionary<string, string>())).ToArray();
    }

    /// <inheritdoc />
    public async Task VerifySetupAsync(CancellationToken cancellationToken) =>
        Check(await api.VersionAsync(cancellationToken), $"answer on {options.SocketPath}");

    private async Task<DockerContainerSummary?> FindAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        var found = Check(await api.ListAsync(Filter($"{ContractLabel}={contractId.Hex}"), cancellationToken), "list containers");
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new ProvisioningException($"{found.Count} containers carry contract {contractId}; remove the extra ones by hand."),
        };
    }

    private async Task<string> CreateAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        var config = InstanceConfig.Parse(request.InstanceConfig);
        var name = ContractTags.InstanceName(request.ContractId);
        var image = config.Get("image", options.DefaultImage)
            ?? throw new ProvisioningException("no image: set the offering's instance config \"image\" or the Docker provisioner's default image (one that runs sshd).");
        var body = new DockerCreateContainer(
            image,
            name,
            new() { [ManagedLabel] = "true", [ContractLabel] = request.ContractId.Hex },
            new() { [SshPort] = new { } },
            new DockerHostConfig(
                request.Cores * 1_000_000_000L,
                request.MemoryMb * 1024L * 1024L,
                new() { [SshPort] = [new DockerPortBinding(string.Empty, string.Empty)] },
                new DockerRestartPolicy("unless-stopped")));
        return Check(await api.CreateAsync(name, body, cancellationToken), "create container").Id;
    }

    private Task SetCredentialsAsync(string containerId, ProvisionRequest request, CancellationToken cancellationToken) =>
        RunExecAsync(
            containerId,
            new DockerExec(
                ["sh", "-c", CredentialScript],
                [$"DC_USER={request.LoginUser}", $"DC_PASSWORD={request.Password}", $"DC_KEYS={string.Join('\n', request.SshPublicKeys)}"],
                "root",
                AttachStdout: false,
                AttachStderr: false),
            "setting the password",
            " (does the image have chpasswd and useradd?)",
            cancellationToken);

    // A container has no cloud-init: the script runs once, as root, right after the container was created and first
    // started (a container resumed by contract already ran it). When it fails the contract fails, so the container is
    // removed rather than left running (and billed) for nobody.
    private async Task RunPostProvisionScriptOnceAsync(string containerId, string? script, CancellationToken cancellationToken)
    {
        try
        {
            await RunPostProvisionScriptAsync(containerId, script, cancellationToken);
        }
        catch (ProvisioningException failed)
        {
            try
            {
                await TerminateAsync(containerId, cancellationToken);
            }
            catch (ProvisioningException cleanup)
            {
                // The script's failure is what the user must read; the leftover is the reconciler's to remove.
                throw new ProvisioningException($"{failed.Message} (removing the container failed too: {cleanup.Message})", failed);
            }

            throw;
        }
    }

    private Task RunPostProvisionScriptAsync(string containerId, string? script, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(script)
            ? Task.CompletedTask
            : RunExecAsync(containerId, new DockerExec(["sh", "-c", script], [], "root", AttachStdout: false, AttachStderr: false), "the post-provision script", string.Empty, cancellationToken);

    private async Task RunExecAsync(string containerId, DockerExec exec, string what, string hint, CancellationToken cancellationToken)
    {
        var execId = Check(await api.CreateExecAsync(containerId, exec, cancellationToken), $"create the exec for {what}").Id;
        EnsureOk(await api.StartExecAsync(execId, new DockerExecStart(Detach: true), cancellationToken), $"start the exec for {what}");
        var deadline = time.GetUtcNow() + options.OperationTimeout;
        while (true)
        {
            var state = Check(await api.InspectExecAsync(execId, cancellationToken), $"inspect the exec for {what}");
            if (!state.Running)
            {
                if (state.ExitCode == 0)
                {
                    return;
                }

                throw new ProvisioningException($"{what} in container {containerId} failed with exit code {state.ExitCode}{hint}");
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException($"{what} in container {containerId} did not finish within {options.OperationTimeout}.");
            }

            await Task.Delay(options.PollInterval, time, cancellationToken);
        }
    }

    private static string Filter(string label) => JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [label] });

    private static ContractId? ReadContract(Dictionary<string, string>? labels)
    {
        if (labels is null || !labels.TryGetValue(ContractLabel, out var hex))
        {
            return null;
        }

        var id = ContractId.FromHex(hex);
        return id.IsSuccess ? id.Value : null;
    }

    private static ProvisionedInstance ToInstance(DockerContainer container)
    {
        var binding = container.NetworkSettings?.Ports is { } ports && ports.TryGetValue(SshPort, out var bound) ? bound?.FirstOrDefault() : null;
        var hostPort = int.TryParse(binding?.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 0;
        var containerIp = string.IsNullOrEmpty(container.NetworkSettings?.IpAddress) ? null : container.NetworkSettings.IpAddress;

        // The agent runs on the Docker host: it reaches the container at its own address on port 22, or,
        // without one (host-only networking), through the published port on loopback. The published port
        // is what users and the gateway connect to, so it travels in the details.
        var details = new Dictionary<string, string>();
        if (hostPort > 0)
        {
            details["host_ssh_port"] = hostPort.ToString(CultureInfo.InvariantCulture);
        }

        return new ProvisionedInstance(
            container.Id,
            ReadContract(container.Config?.Labels),
            container.State?.Status ?? "unknown",
            containerIp ?? (hostPort > 0 ? "127.0.0.1" : null),
            null,
            containerIp is not null ? 22 : hostPort,
            details);
    }

    private static void EnsureOk(IApiResponse<object> response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            Fail(response, what);
        }
    }

    private static T Check<T>(IApiResponse<T> response, string what) =>
        response.IsSuccessStatusCode && response.Content is { } content ? content : Fail(response, what);

    private static T Fail<T>(IApiResponse<T> response, string what)
    {
        var body = (response.Error as ApiException)?.Content;
        string? detail;
        try
        {
            detail = body is { Length: > 0 } ? JsonSerializer.Deserialize<DockerError>(body)?.Message ?? body : response.Error?.Message;
        }
        catch (JsonException)
        {
            detail = body;
        }

        throw new ProvisioningException($"Docker refused to {what}: HTTP {(int?)response.StatusCode} {detail}");
    }
}
