using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Accounts;

/// <summary>A device key joined an account (its first device included).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="DeviceKeyHex">The device's public key, lower-case hex.</param>
/// <param name="OccurredAt">When it was added.</param>
public sealed record AccountDeviceAdded(Guid AccountId, string DeviceKeyHex, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>A device key of an account was revoked.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="DeviceKeyHex">The device's public key, lower-case hex.</param>
/// <param name="OccurredAt">When it was revoked.</param>
public sealed record AccountDeviceRevoked(Guid AccountId, string DeviceKeyHex, DateTimeOffset OccurredAt) : IDomainEvent;
