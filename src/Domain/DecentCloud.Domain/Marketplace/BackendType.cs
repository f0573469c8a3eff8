namespace DecentCloud.Domain.Marketplace;

/// <summary>What runs an offering's machines.</summary>
public enum BackendType
{
    /// <summary><c>hetzner</c> cloud servers.</summary>
    Hetzner,
    /// <summary><c>digitalocean</c> droplets.</summary>
    DigitalOcean,
    /// <summary><c>vultr</c> instances.</summary>
    Vultr,
    /// <summary><c>proxmox</c> VMs on the provider's hosts.</summary>
    Proxmox,
    /// <summary><c>docker</c> containers.</summary>
    Docker,
}

/// <summary>Wire names of <see cref="BackendType"/>.</summary>
public static class BackendTypes
{
    private static readonly string[] Names = ["hetzner", "digitalocean", "vultr", "proxmox", "docker"];

    /// <summary>The lower-case wire name.</summary>
    public static string ToWireName(this BackendType backend) => Names[(int)backend];

    /// <summary>The backend of a wire name, or <c>null</c>.</summary>
    public static BackendType? FromWireName(string? name)
    {
        var index = Array.IndexOf(Names, name);
        return index < 0 ? null : (BackendType)index;
    }
}
