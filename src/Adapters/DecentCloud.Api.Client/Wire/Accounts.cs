namespace DecentCloud.Api.Client;

/// <summary><c>POST /api/v1/accounts</c>: registers an account whose first device is the signing key.</summary>
/// <param name="CredentialKey">The X25519 public key derived from the account seed (hex).</param>
/// <param name="Label">A name for the signing device.</param>
public sealed record AccountRegistration(string CredentialKey, string? Label = null);

/// <summary><c>POST /api/v1/accounts/me/devices</c>: a device key to add.</summary>
/// <param name="DeviceKey">The device's Ed25519 public key (hex).</param>
/// <param name="Label">A name for it.</param>
public sealed record DeviceRegistration(string DeviceKey, string? Label = null);

/// <summary>An account as its owner sees it.</summary>
/// <param name="AccountId">The account id.</param>
/// <param name="CredentialKey">The account-level credential key (hex).</param>
/// <param name="Devices">Its device keys, revoked ones included.</param>
public sealed record AccountDetails(Guid AccountId, string CredentialKey, IReadOnlyList<DeviceDetails> Devices);

/// <summary>One device of an account.</summary>
/// <param name="DeviceKey">The device's public key (hex).</param>
/// <param name="Label">Its name.</param>
/// <param name="AddedAt">When it was added.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
public sealed record DeviceDetails(string DeviceKey, string? Label, DateTimeOffset AddedAt, DateTimeOffset? RevokedAt);
