using System.Text.Json;
using DecentCloud.Agent.Gateway;

namespace DecentCloud.Agent.Tests;

/// <summary>The Caddy options as the agent configuration keeps them (JSON, web naming, as AgentConfig serializes).</summary>
public sealed class CaddyOptionsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public void The_options_round_trip_through_the_configuration_with_the_mode_as_its_option_value()
    {
        var options = new CaddyOptions
        {
            Tls = CaddyTlsMode.Files, CertFile = "/etc/lego/w.crt", KeyFile = "/etc/lego/w.key", Admin = "127.0.0.1:2020",
            HttpPort = 8080, HttpsPort = 8443, Storage = "/srv/caddy", Binary = "/usr/local/bin/caddy",
        };
        var json = JsonSerializer.Serialize(options, Json);
        Assert.Contains("\"tls\":\"files\"", json);
        Assert.Equal(options, JsonSerializer.Deserialize<CaddyOptions>(json, Json));
        Assert.Empty(options.Problems());
    }

    [Fact]
    public void Absent_fields_take_the_defaults_and_an_unknown_mode_is_refused()
    {
        var defaults = JsonSerializer.Deserialize<CaddyOptions>("{}", Json)!;
        Assert.Equal(new CaddyOptions(), defaults);
        Assert.Equal((CaddyTlsMode.Acmedns, "localhost:2019", 80, 443, "/var/lib/caddy", "caddy"),
            (defaults.Tls, defaults.Admin, defaults.HttpPort, defaults.HttpsPort, defaults.Storage, defaults.Binary));
        Assert.Empty(defaults.Problems());

        Assert.Equal(CaddyTlsMode.Acmedns, JsonSerializer.Deserialize<CaddyOptions>("{\"tls\":\"acmedns\"}", Json)!.Tls);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CaddyOptions>("{\"tls\":\"manual\"}", Json));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_naming_option_and_field()
    {
        var error = Assert.Throws<InvalidDataException>(() => new CaddyOptions { Tls = CaddyTlsMode.Files, Admin = "x", HttpPort = 0, Storage = "rel" }.EnsureValid());
        foreach (var named in new[] { "--caddy-cert-file (caddy.certFile)", "--caddy-key-file (caddy.keyFile)", "--caddy-admin (caddy.admin)", "--caddy-http-port (caddy.httpPort)", "--caddy-storage (caddy.storage)" })
        {
            Assert.Contains(named, error.Message);
        }
    }
}
