namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>
/// The gateway host's packet filter: public ports forwarded to the SSH port of VMs on a private network. Declarative,
/// so the whole set is rebuilt idempotently from the agent's journal in one atomic change.
/// </summary>
public interface IPortForwarder
{
    /// <summary>
    /// Makes the forwarded ports exactly <paramref name="forwards"/> (an empty set removes them all); throws
    /// <see cref="GatewayException"/> when the packet filter refuses the change (then the previous rules stay).
    /// </summary>
    Task ApplyAsync(IReadOnlyCollection<PortForward> forwards, CancellationToken cancellationToken);
}

/// <summary>Connections to the gateway's <paramref name="PublicPort"/> go to <paramref name="VmAddress"/>:<paramref name="VmPort"/>.</summary>
/// <param name="PublicPort">The port on the gateway's public address.</param>
/// <param name="VmAddress">The VM's private IPv4 address.</param>
/// <param name="VmPort">The port on the VM (22 for SSH).</param>
/// <param name="ContractId">The contract the forward belongs to (written as a comment, for the operator).</param>
public sealed record PortForward(int PublicPort, string VmAddress, int VmPort, string ContractId);
