namespace DecentCloud.Domain.Gateways;

/// <summary>
/// The challenge TXT values of one gateway. The two most recent values are kept, because a wildcard
/// and an apex challenge, or two overlapping orders, must validate at the same time.
/// </summary>
public sealed class AcmeTxtRecord
{
    /// <summary>How many values are kept at most.</summary>
    public const int MaxValues = 2;

    /// <summary>TTL of the record in seconds.</summary>
    public const int TtlSeconds = 60;

    private AcmeTxtRecord(DcId dcId) => DcId = dcId;

    /// <summary>The gateway the record belongs to.</summary>
    public DcId DcId { get; private set; }

    /// <summary>The most recent value.</summary>
    public string? LatestValue { get; private set; }

    /// <summary>When <see cref="LatestValue"/> was set.</summary>
    public DateTimeOffset? LatestSetAt { get; private set; }

    /// <summary>The value before <see cref="LatestValue"/>.</summary>
    public string? PreviousValue { get; private set; }

    /// <summary>When <see cref="PreviousValue"/> was set.</summary>
    public DateTimeOffset? PreviousSetAt { get; private set; }

    /// <summary>The values to publish, most recent first.</summary>
    public IReadOnlyList<string> Values =>
        new[] { LatestValue, PreviousValue }.Where(v => v is not null).Select(v => v!).ToArray();

    /// <summary>An empty record for a gateway.</summary>
    public static AcmeTxtRecord Empty(DcId dcId)
    {
        ArgumentNullException.ThrowIfNull(dcId);
        return new AcmeTxtRecord(dcId);
    }

    /// <summary>
    /// Makes <paramref name="value"/> the latest value. Returns whether the published set changed:
    /// repeating the latest value changes nothing; repeating the previous one only refreshes it.
    /// </summary>
    public bool Apply(AcmeChallengeValue value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Value == LatestValue)
        {
            return false;
        }

        // Either way the old latest becomes the previous one; only a new value changes the published set.
        var wasPresent = value.Value == PreviousValue;
        (PreviousValue, PreviousSetAt) = (LatestValue, LatestSetAt);
        (LatestValue, LatestSetAt) = (value.Value, now);
        return !wasPresent;
    }

    /// <summary>Drops values set before <paramref name="cutoff"/>; returns whether any was dropped.</summary>
    public bool ExpireOlderThan(DateTimeOffset cutoff)
    {
        var changed = false;
        if (PreviousSetAt < cutoff)
        {
            (PreviousValue, PreviousSetAt) = (null, null);
            changed = true;
        }

        if (LatestSetAt < cutoff)
        {
            (LatestValue, LatestSetAt) = (PreviousValue, PreviousSetAt);
            (PreviousValue, PreviousSetAt) = (null, null);
            changed = true;
        }

        return changed;
    }

    /// <summary>Drops every value, as when the account's credentials are revoked.</summary>
    public bool Clear()
    {
        var changed = LatestValue is not null || PreviousValue is not null;
        (LatestValue, LatestSetAt, PreviousValue, PreviousSetAt) = (null, null, null, null);
        return changed;
    }

#pragma warning disable CS8618 // for the persistence mapper
    private AcmeTxtRecord()
    {
    }
#pragma warning restore CS8618
}
