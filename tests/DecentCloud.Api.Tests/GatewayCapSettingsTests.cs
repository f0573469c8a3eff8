using DecentCloud.Api.Configuration;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Api.Tests;

/// <summary><c>DC_MAX_GATEWAYS_PER_PROVIDER</c> (<c>Gateway:MaxPerProvider</c>): read, defaulted and validated like the other settings.</summary>
public class GatewayCapSettingsTests
{
    private static ApiSettings Read(Dictionary<string, string?> values) =>
        ApiSettings.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void The_cap_defaults_to_100_and_is_read_from_the_variable_or_the_section()
    {
        Assert.Equal(100, Read([]).Gateway.MaxPerProvider);
        Assert.Equal(7, Read(new() { ["DC_MAX_GATEWAYS_PER_PROVIDER"] = "7" }).Gateway.MaxPerProvider);
        Assert.Equal(9, Read(new() { ["Gateway:MaxPerProvider"] = "9" }).Gateway.MaxPerProvider);
    }

    [Theory]
    [InlineData("DC_MAX_GATEWAYS_PER_PROVIDER", "0")]
    [InlineData("DC_MAX_GATEWAYS_PER_PROVIDER", "lots")]
    [InlineData("Gateway:MaxPerProvider", "-3")]
    public void A_cap_that_is_not_a_positive_number_stops_start_up_naming_the_variable(string name, string value)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Read(new() { [name] = value }));
        Assert.Contains("DC_MAX_GATEWAYS_PER_PROVIDER", ex.Message, StringComparison.Ordinal);
    }
}
