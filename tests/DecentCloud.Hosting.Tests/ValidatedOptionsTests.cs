using System.ComponentModel.DataAnnotations;
using DecentCloud.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DecentCloud.Hosting.Tests;

public class ValidatedOptionsTests
{
    private static readonly LegacyVariable[] Map = [new("DC_LIMIT", "Feature:Limit", LegacyValueKind.PositiveInteger)];

    public sealed class FeatureOptions
    {
        [Range(1, 100)]
        public int Limit { get; set; } = 10;

        public TimeSpan Wait { get; set; } = TimeSpan.FromSeconds(5);

        [Required]
        public string Name { get; set; } = "default";
    }

    private sealed class NoWaitOverAMinute : IValidateOptions<FeatureOptions>
    {
        public ValidateOptionsResult Validate(string? name, FeatureOptions options) =>
            options.Wait > TimeSpan.FromMinutes(1) ? ValidateOptionsResult.Fail("Feature:Wait must be at most a minute.") : ValidateOptionsResult.Success;
    }

    private static IConfiguration Config(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    [Fact]
    public void Binds_the_section_over_the_defaults()
    {
        var options = Config(new() { ["Feature:Limit"] = "42", ["Feature:Wait"] = "00:00:30" }).BindValidated<FeatureOptions>("Feature", Map);
        Assert.Equal((42, TimeSpan.FromSeconds(30), "default"), (options.Limit, options.Wait, options.Name));
    }

    [Fact]
    public void A_data_annotation_failure_names_the_legacy_variable()
    {
        var ex = Assert.Throws<InvalidSettingsException>(() => Config(new() { ["Feature:Limit"] = "500" }).BindValidated<FeatureOptions>("Feature", Map));
        Assert.StartsWith("DC_LIMIT (Feature:Limit): ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 100", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_binder_cannot_read_names_the_key()
    {
        var ex = Assert.Throws<InvalidSettingsException>(() => Config(new() { ["Feature:Wait"] = "soon" }).BindValidated<FeatureOptions>("Feature", Map));
        Assert.StartsWith("Feature:Wait has a value that cannot be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_validators_run_and_all_failures_are_reported_together()
    {
        var ex = Assert.Throws<InvalidSettingsException>(() =>
            Config(new() { ["Feature:Wait"] = "00:05:00", ["Feature:Limit"] = "0" }).BindValidated("Feature", Map, new NoWaitOverAMinute()));
        Assert.Contains("DC_LIMIT (Feature:Limit)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Feature:Wait must be at most a minute.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registered_options_are_validated_when_the_host_starts()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Feature:Limit"] = "0" });
        builder.Services.AddValidatedOptions<FeatureOptions>(builder.Configuration, "Feature");
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Limit", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_registered_options_start_and_read_the_section()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Feature:Limit"] = "3" });
        builder.Services.AddValidatedOptions<FeatureOptions>(builder.Configuration, "Feature");
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, host.Services.GetRequiredService<IOptions<FeatureOptions>>().Value.Limit);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
