using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Tests;

/// <summary>A device label fits its column or is refused: never cut silently, never a control character.</summary>
public class DeviceLabelTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Credential = new('f', 64);
    private static readonly string First = new('1', 64);
    private static readonly string Second = new('2', 64);

    [Fact]
    public void A_label_of_the_column_length_is_kept_whole()
    {
        var label = new string('x', Account.MaxLabelLength);

        var account = Account.Register(Guid.NewGuid(), Credential, First, label, T0).Value;
        Assert.True(account.AddDevice(Second, "phone – ünïcode", T0).IsSuccess);

        Assert.Equal([label, "phone – ünïcode"], account.Devices.Select(d => d.Label));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(4096)]
    public void A_longer_label_is_refused_at_registration_and_at_device_add(int length)
    {
        var label = new string('x', length);

        var registered = Account.Register(Guid.NewGuid(), Credential, First, label, T0);
        var account = Account.Register(Guid.NewGuid(), Credential, First, null, T0).Value;
        var added = account.AddDevice(Second, label, T0);

        Assert.Equal(("invalid_device_label", ErrorKind.Validation), (registered.FirstDomainError().Code, registered.FirstDomainError().Kind));
        Assert.Equal("invalid_device_label", added.FirstDomainError().Code);
        Assert.Single(account.Devices);
    }

    [Theory]
    [InlineData("laptop\n}")]
    [InlineData("tab\there")]
    [InlineData("\u001b[31mred")]
    public void A_label_with_a_control_character_is_refused(string label)
    {
        Assert.Equal("invalid_device_label", Account.Register(Guid.NewGuid(), Credential, First, label, T0).FirstDomainError().Code);
    }
}
