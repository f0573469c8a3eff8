using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// The template of a cloud backend (Hetzner, DigitalOcean, Vultr, or a third party's): find the contract's
/// machine by its tag → ensure every SSH key is registered → create → wait until it runs with an address.
/// A subclass maps these steps onto its API and nothing else; the order, the "never two machines" rule and
/// the timing (<see cref="CloudProvisionerOptions.PollInterval"/>, <see cref="CloudProvisionerOptions.OperationTimeout"/>) live here.
/// </summary>
/// <typeparam name="TMachine">The backend's description of a machine.</typeparam>
public abstract class CloudProvisioner<TMachine> : IProvisioner
    where TMachine : class
{
    private readonly CloudProvisionerOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the template with the backend's timing settings and clock.</summary>
    protected CloudProvisioner(CloudProvisionerOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
    }

    /// <inheritdoc />
    public abstract string Type { get; }

    /// <summary>How messages name one machine, e.g. <c>Hetzner server</c>.</summary>
    protected abstract string MachineNoun { get; }

    /// <inheritdoc />
    public async Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // A machine already tagged with the contract is the one an interrupted run created: finish that one.
        var existing = await FindMachineAsync(request.ContractId, cancellationToken);
        var externalId = existing is null ? null : ToInstance(existing).ExternalId;
        if (externalId is null)
        {
            // The offering's settings are read first: a malformed one must not leave keys registered behind.
            var config = InstanceConfig.Parse(request.InstanceConfig);
            var keys = new List<string>();
            foreach (var key in request.SshPublicKeys)
            {
                keys.Add(await EnsureSshKeyAsync(key, cancellationToken));
            }

            externalId = await CreateAsync(request, config, keys, cancellationToken);
        }

        return await WaitUntilRunningAsync(externalId, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns only once the backend no longer has the machine (or reports it deleted): a cloud accepts a delete
    /// long before the machine is gone, and a replacement provisioned meanwhile would find the dying one by its tag and adopt it.
    /// </remarks>
    public async Task TerminateAsync(string externalId, CancellationToken cancellationToken)
    {
        await DeleteAsync(externalId, cancellationToken);
        await PollAsync(
            ct => GetMachineAsync(externalId, ct),
            machine => machine is null || IsDeleted(machine),
            machine => $"{MachineNoun} {externalId} was still there {_options.OperationTimeout} after its deletion was accepted (status {(machine is null ? "gone" : ToInstance(machine).Status)}).",
            cancellationToken);
    }

    /// <inheritdoc />
    public abstract Task StopAsync(string externalId, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task StartAsync(string externalId, CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken) =>
        await GetMachineAsync(externalId, cancellationToken) is { } machine ? ToInstance(machine) : null;

    /// <inheritdoc />
    public async Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken) =>
        await FindMachineAsync(contractId, cancellationToken) is { } machine ? ToInstance(machine) : null;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken) =>
        (await ListManagedAsync(cancellationToken)).Select(ToInstance).ToArray();

    /// <inheritdoc />
    public abstract Task VerifySetupAsync(CancellationToken cancellationToken);

    /// <summary>Every machine tagged with the contract (all pages).</summary>
    protected abstract Task<IReadOnlyList<TMachine>> ListByContractAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Every machine tagged as DecentCloud's (all pages).</summary>
    protected abstract Task<IReadOnlyList<TMachine>> ListManagedAsync(CancellationToken cancellationToken);

    /// <summary>One machine, or <c>null</c> when the backend says it does not exist.</summary>
    protected abstract Task<TMachine?> GetMachineAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>The id of the registered key with this public key, or <c>null</c> when there is none.</summary>
    protected abstract Task<string?> FindSshKeyAsync(string publicKey, CancellationToken cancellationToken);

    /// <summary>Registers a public key under <paramref name="name"/>; returns its id.</summary>
    protected abstract Task<string> RegisterSshKeyAsync(string name, string publicKey, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the machine named <see cref="ContractTags.InstanceName"/>, tagged with the contract, with the request's
    /// cloud-init (<see cref="CloudInit.UserData"/>) and the registered keys; returns its external id once the backend accepted it.
    /// </summary>
    protected abstract Task<string> CreateAsync(ProvisionRequest request, InstanceConfig config, IReadOnlyList<string> sshKeys, CancellationToken cancellationToken);

    /// <summary>Asks the backend to delete the machine; a machine the backend does not know counts as deleted.</summary>
    protected abstract Task DeleteAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Whether the backend still lists the machine but reports it deleted (by default it never does: it stops listing it).</summary>
    protected virtual bool IsDeleted(TMachine machine) => false;

    /// <summary>Whether the machine runs and has a public address.</summary>
    protected abstract bool IsReady(TMachine machine);

    /// <summary>The machine as the port reports it.</summary>
    protected abstract ProvisionedInstance ToInstance(TMachine machine);

    /// <summary>
    /// Reads <paramref name="read"/> every poll interval until <paramref name="done"/> holds (and returns that value) or the
    /// operation timeout passes (a <see cref="ProvisioningException"/> with <paramref name="timedOut"/>'s message).
    /// </summary>
    protected async Task<T> PollAsync<T>(Func<CancellationToken, Task<T>> read, Func<T, bool> done, Func<T, string> timedOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(timedOut);
        var deadline = _time.GetUtcNow() + _options.OperationTimeout;
        while (true)
        {
            var value = await read(cancellationToken);
            if (done(value))
            {
                return value;
            }

            if (_time.GetUtcNow() >= deadline)
            {
                throw new ProvisioningException(timedOut(value));
            }

            await Task.Delay(_options.PollInterval, _time, cancellationToken);
        }
    }

    /// <summary>
    /// Waits for an asynchronous backend action to settle (succeed or fail): <paramref name="known"/> is returned as is
    /// when it already settled, otherwise <paramref name="read"/> is polled until it does.
    /// </summary>
    protected async Task<TAction> WaitForActionAsync<TAction>(TAction? known, Func<CancellationToken, Task<TAction>> read, Func<TAction, bool> settled, string action, CancellationToken cancellationToken)
        where TAction : class
    {
        ArgumentNullException.ThrowIfNull(settled);
        return known is not null && settled(known)
            ? known
            : await PollAsync(read, settled, _ => $"{action} did not finish within {_options.OperationTimeout}.", cancellationToken);
    }

    private async Task<TMachine?> FindMachineAsync(ContractId contractId, CancellationToken cancellationToken)
    {
        // A machine reported deleted is on its way out, never one to finish.
        var found = (await ListByContractAsync(contractId, cancellationToken)).Where(machine => !IsDeleted(machine)).ToList();
        return found.Count switch
        {
            0 => null,
            1 => found[0],
            _ => throw new ProvisioningException($"{found.Count} {MachineNoun}s carry contract {contractId}; remove the extra ones by hand."),
        };
    }

    private async Task<string> EnsureSshKeyAsync(string publicKey, CancellationToken cancellationToken)
    {
        var found = await FindSshKeyAsync(publicKey, cancellationToken);
        if (found is not null)
        {
            return found;
        }

        var name = "decent-cloud-" + OpenSshKey.Md5Fingerprint(publicKey).Replace(":", string.Empty, StringComparison.Ordinal)[..16];
        return await RegisterSshKeyAsync(name, publicKey.Trim(), cancellationToken);
    }

    private async Task<ProvisionedInstance> WaitUntilRunningAsync(string externalId, CancellationToken cancellationToken) =>
        ToInstance(await PollAsync(
            async ct => await GetMachineAsync(externalId, ct) ?? throw new ProvisioningException($"{MachineNoun} {externalId} disappeared while starting."),
            IsReady,
            machine => $"{MachineNoun} {externalId} had no public address after {_options.OperationTimeout} (status {ToInstance(machine).Status}).",
            cancellationToken));
}
