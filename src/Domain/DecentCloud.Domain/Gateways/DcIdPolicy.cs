using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Gateways;

/// <summary>Which <see cref="DcId"/>s a provider may register: none under the platform's reserved prefixes.</summary>
public sealed class DcIdPolicy
{
    /// <summary>Prefixes of the platform's own cloud VMs (Hetzner, DigitalOcean, Vultr, Proxmox, Docker).</summary>
    public static readonly IReadOnlyList<string> BuiltInReservedPrefixes = ["hz-", "do-", "vl-", "px-", "dk-"];

    private readonly string[] _reservedPrefixes;

    /// <summary>A policy with the built-in reserved prefixes plus <paramref name="extraReservedPrefixes"/>.</summary>
    public DcIdPolicy(IEnumerable<string>? extraReservedPrefixes = null)
    {
        _reservedPrefixes = BuiltInReservedPrefixes
            .Concat((extraReservedPrefixes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>All reserved prefixes in force.</summary>
    public IReadOnlyList<string> ReservedPrefixes => _reservedPrefixes;

    /// <summary>Fails when <paramref name="dcId"/> starts with a reserved prefix.</summary>
    public Result EnsureRegistrable(DcId dcId)
    {
        ArgumentNullException.ThrowIfNull(dcId);
        var reserved = _reservedPrefixes.FirstOrDefault(p => dcId.Value.StartsWith(p, StringComparison.Ordinal));
        return reserved is null
            ? Result.Ok()
            : Result.Fail(DomainError.Invalid("reserved_dc_id", $"dc_id prefix '{reserved}' is reserved for the platform."));
    }
}
