using DecentCloud.Domain.Gateways;

namespace DecentCloud.Domain.Tests;

public class AcmeTxtRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DcId Dc = DcId.Create("dc-lk").Value;

    private static AcmeChallengeValue V(char c) => AcmeChallengeValue.Create(new string(c, 43)).Value;

    [Fact]
    public void Keeps_the_two_most_recent_values_newest_first()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        Assert.True(record.Apply(V('a'), T0));
        Assert.True(record.Apply(V('b'), T0.AddSeconds(1)));
        Assert.Equal([V('b').Value, V('a').Value], record.Values);
        Assert.True(record.Apply(V('c'), T0.AddSeconds(2)));
        Assert.Equal([V('c').Value, V('b').Value], record.Values);
    }

    [Fact]
    public void Repeating_the_latest_value_changes_nothing()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        record.Apply(V('a'), T0);
        Assert.False(record.Apply(V('a'), T0.AddMinutes(5)));
        Assert.Equal(T0, record.LatestSetAt);
        Assert.Equal([V('a').Value], record.Values);
    }

    [Fact]
    public void Repeating_the_previous_value_refreshes_it_without_changing_the_set()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        record.Apply(V('a'), T0);
        record.Apply(V('b'), T0.AddSeconds(1));
        Assert.False(record.Apply(V('a'), T0.AddSeconds(2)));
        Assert.Equal([V('a').Value, V('b').Value], record.Values);
        Assert.Equal(T0.AddSeconds(2), record.LatestSetAt);
    }

    [Fact]
    public void Expiry_drops_only_values_older_than_the_cutoff()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        record.Apply(V('a'), T0);
        record.Apply(V('b'), T0.AddMinutes(30));
        Assert.True(record.ExpireOlderThan(T0.AddMinutes(10)));
        Assert.Equal([V('b').Value], record.Values);
        Assert.False(record.ExpireOlderThan(T0.AddMinutes(10)));
        Assert.True(record.ExpireOlderThan(T0.AddMinutes(31)));
        Assert.Empty(record.Values);
    }

    [Fact]
    public void Expiry_of_the_only_value_empties_the_record()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        record.Apply(V('a'), T0);
        Assert.True(record.ExpireOlderThan(T0.AddSeconds(1)));
        Assert.Empty(record.Values);
        Assert.Null(record.LatestSetAt);
    }

    [Fact]
    public void Clear_removes_every_value()
    {
        var record = AcmeTxtRecord.Empty(Dc);
        Assert.False(record.Clear());
        record.Apply(V('a'), T0);
        Assert.True(record.Clear());
        Assert.Empty(record.Values);
    }
}
