namespace DecentCloud.Application.Accounts;

/// <summary>A verified user request: the signing device's key and, once registered, its account.</summary>
public sealed record AccountPrincipal(string DeviceKeyHex, Guid? AccountId);
