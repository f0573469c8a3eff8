using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>
/// One backend that creates machines for contracts (Proxmox VE, Hetzner Cloud, DigitalOcean, Vultr,
/// Docker). Every backend tags its instances with the contract id and finds them by it, so a restarted
/// agent never creates a second machine for a contract.
/// </summary>
public interface IProvisioner
{
    /// <summary>The backend's type name, e.g. <c>hetzner</c>.</summary>
    string Type { get; }

    /// <summary>Creates and starts the machine of a contract; returns once it is running with an address.</summary>
    Task<ProvisionedInstance> ProvisionAsync(ProvisionRequest request, CancellationToken cancellationToken);

    /// <summary>Removes an instance; an instance that is already gone is fine.</summary>
    Task TerminateAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Stops an instance, keeping its disk.</summary>
    Task StopAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Starts a stopped instance.</summary>
    Task StartAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>The instance with that id, or <c>null</c> when it does not exist.</summary>
    Task<ProvisionedInstance?> GetInstanceAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>The instance tagged with a contract id, or <c>null</c>.</summary>
    Task<ProvisionedInstance?> FindByContractAsync(ContractId contractId, CancellationToken cancellationToken);

    /// <summary>Every instance this backend manages for DecentCloud.</summary>
    Task<IReadOnlyList<ProvisionedInstance>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Checks the credentials and settings work; throws <see cref="ProvisioningException"/> when not.</summary>
    Task VerifySetupAsync(CancellationToken cancellationToken);
}

/// <summary>What to create for a contract.</summary>
/// <param name="ContractId">The contract; every backend tags the instance with it.</param>
/// <param name="OfferingId">The provider's offering.</param>
/// <param name="Cores">vCPUs.</param>
/// <param name="MemoryMb">Memory in MiB.</param>
/// <param name="StorageGb">Disk in GiB.</param>
/// <param name="SshPublicKeys">OpenSSH public keys to install: the requester's and the agent's own (for password resets).</param>
/// <param name="LoginUser">The user whose password is set.</param>
/// <param name="Password">The generated password, set through cloud-init; never logged, never sent to the API.</param>
/// <param name="InstanceConfig">Backend-specific settings as JSON (e.g. server type, image, location).</param>
/// <param name="PostProvisionScript">A shell script run once on first boot.</param>
public sealed record ProvisionRequest(
    ContractId ContractId,
    string OfferingId,
    int Cores,
    int MemoryMb,
    int StorageGb,
    IReadOnlyList<string> SshPublicKeys,
    string LoginUser,
    string Password,
    string? InstanceConfig,
    string? PostProvisionScript)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"ProvisionRequest {{ ContractId = {ContractId}, OfferingId = {OfferingId}, Cores = {Cores}, MemoryMb = {MemoryMb}, StorageGb = {StorageGb} }}";
}

/// <summary>A machine as a backend reports it.</summary>
public sealed record ProvisionedInstance(
    string ExternalId,
    ContractId? ContractId,
    string Status,
    string? Ipv4,
    string? Ipv6,
    int SshPort,
    IReadOnlyDictionary<string, string> Details)
{
    /// <summary>Whether the backend reports it running: Hetzner, Proxmox and Docker say <c>running</c>, DigitalOcean and Vultr <c>active</c>.</summary>
    public bool IsRunning => Status is "running" or "active";
}

/// <summary>A backend refused or failed; <see cref="Exception.Message"/> carries the backend's own error text.</summary>
public sealed class ProvisioningException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProvisioningException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProvisioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception around a cause.</summary>
    public ProvisioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
