using DecentCloud.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.Hosting.Tests;

public class LegacyVariablesTests
{
    private static readonly LegacyVariable[] Map =
    [
        new("DC_NAME", "Feature:Name"),
        new("DC_WAIT_SECONDS", "Feature:Wait", LegacyValueKind.Seconds),
        new("DC_LIMIT", "Feature:Limit", LegacyValueKind.PositiveInteger),
        new("DC_PREFIXES", "Feature:Prefixes", LegacyValueKind.CommaList),
    ];

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Each_kind_becomes_the_value_the_binder_reads()
    {
        var values = LegacyVariables.Translate(
            Config(new() { ["DC_NAME"] = " edge ", ["DC_WAIT_SECONDS"] = "90", ["DC_LIMIT"] = "7", ["DC_PREFIXES"] = "corp-, lab-,," }),
            Map);
        Assert.Equal("edge", values["Feature:Name"]);
        Assert.Equal("00:01:30", values["Feature:Wait"]);
        Assert.Equal("7", values["Feature:Limit"]);
        Assert.Equal(("corp-", "lab-"), (values["Feature:Prefixes:0"], values["Feature:Prefixes:1"]));
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void Empty_and_absent_variables_set_nothing()
    {
        Assert.Empty(LegacyVariables.Translate(Config(new() { ["DC_NAME"] = "  ", ["DC_WAIT_SECONDS"] = "" }), Map));
    }

    [Theory]
    [InlineData("DC_WAIT_SECONDS", "0")]
    [InlineData("DC_WAIT_SECONDS", "-5")]
    [InlineData("DC_WAIT_SECONDS", "1.5")]
    [InlineData("DC_LIMIT", "many")]
    [InlineData("DC_LIMIT", "99999999999")]
    public void Bad_numbers_are_refused_naming_the_variable(string name, string value)
    {
        var ex = Assert.Throws<InvalidSettingsException>(() => LegacyVariables.Translate(Config(new() { [name] = value }), Map));
        Assert.Equal($"{name} must be a positive whole number, not '{value}'.", ex.Message);
    }

    [Fact]
    public void A_legacy_variable_wins_over_the_same_key_from_a_file_or_a_section_variable()
    {
        var file = Config(new() { ["Feature:Wait"] = "00:00:10", ["Feature:Name"] = "from-file", ["DC_WAIT_SECONDS"] = "20" });
        var merged = new ConfigurationBuilder().AddConfiguration(file).AddLegacyVariables(file, Map).Build();
        Assert.Equal("00:00:20", merged["Feature:Wait"]);
        Assert.Equal("from-file", merged["Feature:Name"]);
    }

    [Fact]
    public void Keys_are_described_by_their_variable_when_they_have_one()
    {
        Assert.Equal("DC_LIMIT (Feature:Limit)", LegacyVariables.Describe("feature:limit", Map));
        Assert.Equal("Feature:Other", LegacyVariables.Describe("Feature:Other", Map));
    }
}
