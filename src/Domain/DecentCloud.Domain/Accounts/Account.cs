using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Accounts;

/// <summary>
/// A user account: its account-level credential key (X25519, derived from the account seed on the
/// user's side, so every device holding the seed has it) and its device keys (Ed25519), which sign
/// the user's requests and receive credentials too.
/// </summary>
public sealed class Account : AggregateRoot
{
    /// <summary>Length of a key in bytes.</summary>
    public const int KeySize = 32;

    private readonly List<AccountDevice> _devices = [];

    private Account(Guid id, string credentialKeyHex, DateTimeOffset now)
    {
        Id = id;
        CredentialKeyHex = credentialKeyHex;
        CreatedAt = now;
    }

    /// <summary>The account's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The account-level X25519 credential public key, lower-case hex.</summary>
    public string CredentialKeyHex { get; private set; }

    /// <summary>When the account was registered.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Every device ever added, revoked ones included.</summary>
    public IReadOnlyList<AccountDevice> Devices => _devices;

    /// <summary>The devices that may sign and receive credentials.</summary>
    public IEnumerable<AccountDevice> ActiveDevices => _devices.Where(d => d.RevokedAt is null);

    /// <summary>Registers an account with its first device.</summary>
    public static Result<Account> Register(Guid id, string? credentialKeyHex, string? firstDeviceKeyHex, string? label, DateTimeOffset now)
    {
        var credential = CredentialPublicKey.FromHex(credentialKeyHex);
        var device = DevicePublicKey.FromHex(firstDeviceKeyHex);
        if (credential.IsFailed || device.IsFailed)
        {
            return Result.Fail<Account>(credential.Errors.Concat(device.Errors));
        }

        var account = new Account(id, credential.Value.Hex, now);
        account._devices.Add(new AccountDevice(device.Value.Hex, Trim(label), now));
        account.Raise(new AccountDeviceAdded(id, device.Value.Hex, now));
        return account;
    }

    /// <summary>Whether the key is one of the account's active devices.</summary>
    public bool HasActiveDevice(string deviceKeyHex) =>
        ActiveDevices.Any(d => string.Equals(d.KeyHex, deviceKeyHex, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a device; adding an active one again is a no-op; a revoked key stays revoked.</summary>
    public Result AddDevice(string? deviceKeyHex, string? label, DateTimeOffset now)
    {
        var key = DevicePublicKey.FromHex(deviceKeyHex);
        if (key.IsFailed)
        {
            return key.ToResult();
        }

        var existing = _devices.FirstOrDefault(d => d.KeyHex == key.Value.Hex);
        if (existing is not null)
        {
            return existing.RevokedAt is null
                ? Result.Ok()
                : Result.Fail(DomainErrors.Conflict("device_revoked", "That device key was revoked; create a new key."));
        }

        _devices.Add(new AccountDevice(key.Value.Hex, Trim(label), now));
        Raise(new AccountDeviceAdded(Id, key.Value.Hex, now));
        return Result.Ok();
    }

    /// <summary>Revokes a device; the last active device cannot be revoked (the account would be locked out).</summary>
    public Result RevokeDevice(string? deviceKeyHex, DateTimeOffset now)
    {
        var device = ActiveDevices.FirstOrDefault(d => string.Equals(d.KeyHex, deviceKeyHex, StringComparison.OrdinalIgnoreCase));
        if (device is null)
        {
            return Result.Fail(DomainErrors.NotFound("device_not_found", "No active device has that key."));
        }

        if (ActiveDevices.Count() == 1)
        {
            return Result.Fail(DomainErrors.Conflict("last_device", "The last active device cannot be revoked."));
        }

        device.Revoke(now);
        Raise(new AccountDeviceRevoked(Id, device.KeyHex, now));
        return Result.Ok();
    }

    private static string? Trim(string? label) => label is null ? null : label.Length > 64 ? label[..64] : label;

#pragma warning disable CS8618 // for the persistence mapper
    private Account()
    {
    }
#pragma warning restore CS8618
}
