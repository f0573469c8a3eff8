using System.Security.Cryptography;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Notifications;

/// <summary>
/// Where an account wants to hear from the platform: an address per channel, switched on or off, and proven before
/// anything but its verification code is sent there. In-app needs neither and is always on.
/// </summary>
public sealed class NotificationSettings : AggregateRoot
{
    /// <summary>Wrong codes accepted per verification before a new code must be asked for.</summary>
    public const int MaxCodeAttempts = 5;

    private readonly List<ChannelAddress> _addresses = [];

    private NotificationSettings(Guid accountId, DateTimeOffset now)
    {
        AccountId = accountId;
        UpdatedAt = now;
    }

    /// <summary>The account.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>When anything last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// When the account was last sent a verification code, on any channel: kept on the account, not the address, so
    /// removing an address and setting it again does not get round the wait between codes.
    /// </summary>
    public DateTimeOffset? LastCodeSentAt { get; private set; }

    /// <summary>The channels with an address (email, Telegram, SMS).</summary>
    public IReadOnlyList<ChannelAddress> Addresses => _addresses;

    /// <summary>Empty settings of <paramref name="accountId"/>: in-app only.</summary>
    public static NotificationSettings For(Guid accountId, DateTimeOffset now) =>
        accountId == Guid.Empty ? throw new ArgumentException("account is required", nameof(accountId)) : new NotificationSettings(accountId, now);

    /// <summary>The channels a notification goes to now, with their addresses (in-app's is <c>null</c>): in-app, and every enabled, verified one.</summary>
    public IReadOnlyList<(NotificationChannel Channel, string? Address)> Recipients() =>
        [(NotificationChannel.InApp, null), .. _addresses.Where(a => a.Enabled && a.VerifiedAt is not null).OrderBy(a => a.Channel).Select(a => (a.Channel, (string?)a.Address))];

    /// <summary>The address of <paramref name="channel"/>, if set.</summary>
    public ChannelAddress? Find(NotificationChannel channel) => _addresses.FirstOrDefault(a => a.Channel == channel);

    /// <summary>
    /// Sets a channel's address and whether it is on; a new address must be verified again (the same address keeps its
    /// verification). Returns whether the address changed.
    /// </summary>
    public Result<bool> SetAddress(NotificationChannel channel, string? address, bool enabled, DateTimeOffset now)
    {
        if (channel == NotificationChannel.InApp)
        {
            return Result.Fail<bool>(DomainError.Invalid("in_app_always_on", "in_app has no address and is always on."));
        }

        var checkedAddress = NotificationAddress.Check(channel, address);
        if (checkedAddress.IsFailed)
        {
            return checkedAddress.ToResult<bool>();
        }

        UpdatedAt = now;
        var existing = Find(channel);
        if (existing is null)
        {
            _addresses.Add(new ChannelAddress(channel, checkedAddress.Value, enabled));
            return true;
        }

        return existing.Set(checkedAddress.Value, enabled);
    }

    /// <summary>Removes a channel's address: nothing is sent there any more.</summary>
    public Result RemoveAddress(NotificationChannel channel, DateTimeOffset now)
    {
        var existing = Find(channel);
        if (existing is null)
        {
            return Result.Fail(DomainErrors.NotFound("address_not_set", $"No {channel.Name()} address is set."));
        }

        _addresses.Remove(existing);
        UpdatedAt = now;
        return Result.Ok();
    }

    /// <summary>
    /// Starts a verification of the channel's address with a code whose hash is <paramref name="codeHash"/>; a new code
    /// replaces the last one. At most one code per <paramref name="resendInterval"/> for the whole account.
    /// </summary>
    public Result<ChannelAddress> StartVerification(NotificationChannel channel, byte[] codeHash, DateTimeOffset expiresAt, TimeSpan resendInterval, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        var address = Find(channel);
        if (address is null)
        {
            return Result.Fail<ChannelAddress>(DomainErrors.NotFound("address_not_set", $"No {channel.Name()} address is set."));
        }

        if (address.VerifiedAt is not null)
        {
            return Result.Fail<ChannelAddress>(DomainErrors.Conflict("already_verified", $"The {channel.Name()} address is already verified."));
        }

        if (LastCodeSentAt is { } sent && now - sent < resendInterval)
        {
            return Result.Fail<ChannelAddress>(DomainErrors.LimitExceeded(
                "verification_too_soon", $"A code was sent less than {(int)resendInterval.TotalSeconds} s ago; wait before asking for another."));
        }

        address.StartVerification(codeHash, expiresAt, now);
        LastCodeSentAt = now;
        UpdatedAt = now;
        return address;
    }

    /// <summary>Checks a verification code (by its hash); the address is verified on a match, within its lifetime and attempts.</summary>
    public Result Verify(NotificationChannel channel, byte[] codeHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        var address = Find(channel);
        if (address is null)
        {
            return Result.Fail(DomainErrors.NotFound("address_not_set", $"No {channel.Name()} address is set."));
        }

        if (address.VerifiedAt is not null)
        {
            return Result.Ok();
        }

        UpdatedAt = now;
        return address.Verify(codeHash, now);
    }

#pragma warning disable CS8618 // for the persistence mapper
    private NotificationSettings()
    {
    }
#pragma warning restore CS8618
}

/// <summary>One channel's address in <see cref="NotificationSettings"/>, with its verification state.</summary>
public sealed class ChannelAddress
{
    internal ChannelAddress(NotificationChannel channel, string address, bool enabled)
    {
        Channel = channel;
        Address = address;
        Enabled = enabled;
    }

    /// <summary>Email, Telegram or SMS.</summary>
    public NotificationChannel Channel { get; private set; }

    /// <summary>The address (checked by <see cref="NotificationAddress"/>).</summary>
    public string Address { get; private set; }

    /// <summary>Whether notifications go there (once verified).</summary>
    public bool Enabled { get; private set; }

    /// <summary>When the account proved it owns the address.</summary>
    public DateTimeOffset? VerifiedAt { get; private set; }

    /// <summary>SHA-256 of the pending code; never the code itself.</summary>
    public byte[]? CodeHash { get; private set; }

    /// <summary>When the pending code stops working.</summary>
    public DateTimeOffset? CodeExpiresAt { get; private set; }

    /// <summary>When the last code was sent.</summary>
    public DateTimeOffset? CodeSentAt { get; private set; }

    /// <summary>Wrong codes tried against the pending code.</summary>
    public int CodeAttempts { get; private set; }

    internal bool Set(string address, bool enabled)
    {
        Enabled = enabled;
        if (Address == address)
        {
            return false;
        }

        Address = address;
        VerifiedAt = null;
        ClearCode();
        return true;
    }

    internal void StartVerification(byte[] codeHash, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        CodeHash = codeHash;
        CodeExpiresAt = expiresAt;
        CodeSentAt = now;
        CodeAttempts = 0;
    }

    internal Result Verify(byte[] codeHash, DateTimeOffset now)
    {
        if (CodeHash is null || CodeExpiresAt is not { } expires || now >= expires)
        {
            return Result.Fail(DomainErrors.Conflict("no_pending_code", "No verification code is pending (or it expired); ask for a new one."));
        }

        if (CodeAttempts >= NotificationSettings.MaxCodeAttempts)
        {
            return Result.Fail(DomainErrors.LimitExceeded("too_many_attempts", "Too many wrong codes; ask for a new one."));
        }

        if (!CryptographicOperations.FixedTimeEquals(CodeHash, codeHash))
        {
            CodeAttempts++;
            return Result.Fail(DomainError.Invalid("wrong_code", "The verification code is wrong."));
        }

        VerifiedAt = now;
        ClearCode();
        return Result.Ok();
    }

    private void ClearCode()
    {
        CodeHash = null;
        CodeExpiresAt = null;
        CodeAttempts = 0;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ChannelAddress()
    {
    }
#pragma warning restore CS8618
}
