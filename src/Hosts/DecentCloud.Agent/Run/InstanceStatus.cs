using DecentCloud.Application.Provisioning;

namespace DecentCloud.Agent.Run;

/// <summary>Reads the backends' status words: Hetzner, Proxmox and Docker say <c>running</c>, DigitalOcean and Vultr <c>active</c>.</summary>
internal static class InstanceStatus
{
    public static bool IsRunning(ProvisionedInstance instance) => instance.Status is "running" or "active";
}
