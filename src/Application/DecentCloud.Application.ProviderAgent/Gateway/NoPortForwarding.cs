namespace DecentCloud.Application.ProviderAgent.Gateway;

/// <summary>The packet filter of a gateway whose VMs have their own public addresses: there is nothing to forward.</summary>
internal sealed class NoPortForwarding : IPortForwarder
{
    /// <inheritdoc />
    public Task ApplyAsync(IReadOnlyCollection<PortForward> forwards, CancellationToken cancellationToken) =>
        forwards.Count == 0 ? Task.CompletedTask : throw new GatewayException("this gateway forwards no SSH ports (gateway.sshForwarding is off)");
}
