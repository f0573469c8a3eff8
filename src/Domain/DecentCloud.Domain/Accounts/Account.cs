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
        var checkedLabel = CheckLabel(label);
        if (credential.IsFailed || device.IsFailed || checkedLabel.IsFailed)
        {
            return Result.Fail<Account>(credential.Errors.Concat(device.Errors).Concat(checkedLabel.Errors));
        }

        var account = new Account(id, credential.Value.Hex, now);
        account._devices.Add(new AccountDevice(device.Value.Hex, label, now));
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
        var checkedLabel = CheckLabel(label);
        if (key.IsFailed || checkedLabel.IsFailed)
        {
            return Result.Fail(key.Errors.Concat(checkedLabel.Errors));
        }

        var existing = _devices.FirstOrDefault(d => d.KeyHex == key.Value.Hex);
        if (existing is not null)
        {
            return existing.RevokedAt is null
                ? Result.Ok()
                : Result.Fail(DomainErrors.Conflict("device_revoked", "That device key was revoked; create a new key."));
        }

        _devices.Add(new AccountDevice(key.Value.Hex, label, now));
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

    /// <summary>The longest device label kept (the column's length): a longer one is refused, never cut.</summary>
    public const int MaxLabelLength = 64;

    private static Result CheckLabel(string? label) =>
        label is null || (label.Length <= MaxLabelLength && !label.Any(char.IsControl))
            ? Result.Ok()
            : Result.Fail(DomainError.Invalid("invalid_device_label", $"label: at most {MaxLabelLength} characters, no control characters."));

#pragma warning disable CS8618 // for the persistence mapper
    private Account()
    {
    }
#pragma warning restore CS8618
}
