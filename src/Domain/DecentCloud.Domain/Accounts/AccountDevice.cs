namespace DecentCloud.Domain.Accounts;

/// <summary>One device of an account: its Ed25519 public key (signs requests; converted to X25519 it receives credentials).</summary>
public sealed class AccountDevice
{
    internal AccountDevice(string keyHex, string? label, DateTimeOffset addedAt)
    {
        KeyHex = keyHex;
        Label = label;
        AddedAt = addedAt;
    }

    /// <summary>The Ed25519 public key, lower-case hex.</summary>
    public string KeyHex { get; private set; }

    /// <summary>The user's name for the device.</summary>
    public string? Label { get; private set; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset AddedAt { get; private set; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; private set; }

    internal void Revoke(DateTimeOffset now) => RevokedAt ??= now;

#pragma warning disable CS8618 // for the persistence mapper
    private AccountDevice()
    {
    }
#pragma warning restore CS8618
}
