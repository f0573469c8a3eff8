using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Agents;

/// <summary>What a delegation lets an agent key do for its provider.</summary>
[Flags]
public enum AgentPermissions
{
    /// <summary>Nothing.</summary>
    None = 0,
    /// <summary><c>provision</c>: provision and terminate VMs.</summary>
    Provision = 1,
    /// <summary><c>health_check</c>: report health.</summary>
    HealthCheck = 2,
    /// <summary><c>heartbeat</c>: send heartbeats.</summary>
    Heartbeat = 4,
    /// <summary><c>fetch_contracts</c>: read contracts.</summary>
    FetchContracts = 8,
    /// <summary><c>dns_manage</c>: register the gateway and its DNS records.</summary>
    DnsManage = 16,
    /// <summary>Every permission.</summary>
    All = Provision | HealthCheck | Heartbeat | FetchContracts | DnsManage,
}

/// <summary>The wire names of <see cref="AgentPermissions"/>.</summary>
public static class AgentPermissionNames
{
    private static readonly (AgentPermissions Flag, string Name)[] Names =
    [
        (AgentPermissions.Provision, "provision"),
        (AgentPermissions.HealthCheck, "health_check"),
        (AgentPermissions.Heartbeat, "heartbeat"),
        (AgentPermissions.FetchContracts, "fetch_contracts"),
        (AgentPermissions.DnsManage, "dns_manage"),
    ];

    /// <summary>The wire names of the set flags, in a fixed order.</summary>
    public static IReadOnlyList<string> ToNames(this AgentPermissions permissions) =>
        Names.Where(n => permissions.HasFlag(n.Flag)).Select(n => n.Name).ToArray();

    /// <summary>Parses wire names; an unknown name fails.</summary>
    public static Result<AgentPermissions> Parse(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var result = AgentPermissions.None;
        foreach (var name in names)
        {
            var match = Names.FirstOrDefault(n => n.Name == name.Trim());
            if (match.Name is null)
            {
                return Result.Fail<AgentPermissions>(DomainError.Invalid(
                    "invalid_permission", $"unknown permission '{name}'; known: {string.Join(", ", Names.Select(n => n.Name))}."));
            }

            result |= match.Flag;
        }

        return result;
    }
}
