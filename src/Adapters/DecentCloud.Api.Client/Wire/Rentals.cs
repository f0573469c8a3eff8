namespace DecentCloud.Api.Client;

/// <summary>
/// <c>POST /api/v1/rentals</c>: rent a marketplace offering, paid from the wallet. There is no price field: the
/// platform prices the rental from the offering (a body naming a price is refused).
/// </summary>
/// <param name="OfferingId">The offering rented.</param>
/// <param name="DurationSeconds">How long the machine runs once provisioned, within the offering's minimum and maximum.</param>
/// <param name="SshPublicKey">The user's OpenSSH public key.</param>
/// <param name="InstanceConfig">Backend-specific instance configuration (JSON text).</param>
/// <param name="PostProvisionScript">A script to run after provisioning.</param>
public sealed record RentalRequest(
    Guid OfferingId, long DurationSeconds, string SshPublicKey, string? InstanceConfig = null, string? PostProvisionScript = null);
