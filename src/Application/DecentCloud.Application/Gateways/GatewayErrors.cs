using DecentCloud.Domain.Common;

namespace DecentCloud.Application.Gateways;

/// <summary>Error codes of the gateway use cases that the domain does not own.</summary>
public static class GatewayErrors
{
    /// <summary>Concurrent changes of the same gateway won every retry; nothing was changed, the caller may try again.</summary>
    public const string Busy = "gateway_busy";

    /// <summary>The 409 of a gateway write that lost every retry to concurrent writers.</summary>
    internal static DomainError BusyError(string what) =>
        DomainErrors.Conflict(Busy, $"{what} lost every retry to concurrent changes of the same gateway; nothing was changed, try again.");
}
