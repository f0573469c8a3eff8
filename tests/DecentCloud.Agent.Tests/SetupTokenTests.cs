using System.Text.Json;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Tests.Shared;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace DecentCloud.Agent.Tests;

public sealed class SetupTokenTests : IDisposable
{
    private const string Password = "s3cr3t-password-value-0123456789abcdefghijk";
    private readonly WireMockServer _api = WireMockServer.Start();
    private readonly string _dir = Directory.CreateTempSubdirectory("dc-agent-").FullName;

    public SetupTokenTests()
    {
        _api.Given(Request.Create().WithPath("/api/v1/agents/setup").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            agentPubkey = "x", providerId = "prov-a", poolId = Guid.NewGuid(), poolName = "pool-a",
            permissions = new[] { "dns_manage" }, expiresAt = (DateTimeOffset?)null, gwPrefix = "gw", domain = "decent-cloud.org",
        }));
        _api.Given(Request.Create().WithPath("/api/v1/agents/gateway/register").UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            acmeDnsServerUrl = "https://api.decent-cloud.org/api/v1/acme-dns", acmeDnsUsername = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            acmeDnsPassword = Password, acmeDnsSubdomain = "dc-lk", fullDomain = "_acme-challenge.dc-lk.gw.decent-cloud.org",
            wildcard = "*.dc-lk.gw.decent-cloud.org", gwPrefix = "gw", domain = "decent-cloud.org",
        }));
        _api.Given(Request.Create().WithPath("/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { status = "ok" }));
        _api.Given(Request.Create().WithPath("/api/v1/agents/gateway/credentials").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new[]
        {
            new { dcId = "dc-lk", providerId = "prov-a", acmeDnsUsername = Guid.NewGuid(), fullDomain = "_acme-challenge.dc-lk.gw.decent-cloud.org", revokedAt = (DateTimeOffset?)null },
        }));
    }

    public void Dispose()
    {
        _api.Stop();
        _api.Dispose();
        Directory.Delete(_dir, true);
    }

    private string Config => Path.Combine(_dir, "agent", "config.json");

    private string Caddy => Path.Combine(_dir, "caddy");

    private Task<(int Exit, string Out, string Err)> SetupAsync(params string[] extra) => AgentCli.RunAsync(
        ["setup", "token", "--token", "dcst_token", "--api-url", _api.Url!, "--gateway-dc-id", "dc-lk", "--config", Config, "--caddy-dir", Caddy, "--no-reload", .. extra]);

    [Fact]
    public async Task Setup_writes_the_caddy_files_with_safe_modes_and_never_prints_the_password()
    {
        var (exit, stdout, stderr) = await SetupAsync("--gateway-gw-prefix", "gw", "--gateway-domain", "decent-cloud.org");
        Assert.True(exit == 0, stderr);
        Assert.DoesNotContain(Password, stdout + stderr);
        Assert.Contains("*.dc-lk.gw.decent-cloud.org", stdout);

        var env = File.ReadAllText(Path.Combine(Caddy, "env"));
        Assert.Equal(
            "ACME_DNS_SERVER_URL=https://api.decent-cloud.org/api/v1/acme-dns\nACME_DNS_USERNAME=6f9619ff-8b86-d011-b42d-00c04fc964ff\n"
            + $"ACME_DNS_PASSWORD={Password}\nACME_DNS_SUBDOMAIN=dc-lk\n",
            env);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Caddy, "env")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Path.Combine(Caddy, "Caddyfile")));
        Assert.True(Directory.Exists(Path.Combine(Caddy, "sites")));

        var caddyfile = File.ReadAllText(Path.Combine(Caddy, "Caddyfile"));
        Assert.Contains("admin localhost:2019", caddyfile);
        Assert.Contains("root /var/lib/caddy", caddyfile);
        Assert.Contains("*.dc-lk.gw.decent-cloud.org {", caddyfile);
        Assert.Contains("dns acmedns {", caddyfile);
        foreach (var name in new[] { "username {$ACME_DNS_USERNAME}", "password {$ACME_DNS_PASSWORD}", "subdomain {$ACME_DNS_SUBDOMAIN}", "server_url {$ACME_DNS_SERVER_URL}" })
        {
            Assert.Contains(name, caddyfile);
        }

        Assert.Contains($"import {Path.Combine(Caddy, "sites")}/*.caddy", caddyfile);
        Assert.DoesNotContain(Password, caddyfile);

        using var config = JsonDocument.Parse(File.ReadAllText(Config));
        Assert.Equal("dc-lk", config.RootElement.GetProperty("gateway").GetProperty("dcId").GetString());
        Assert.DoesNotContain(Password, File.ReadAllText(Config));
    }

    [Fact]
    public async Task Setup_proves_possession_of_the_agent_key_for_this_token()
    {
        Assert.Equal(0, (await SetupAsync()).Exit);
        var setup = _api.LogEntries.Single(e => e.RequestMessage!.Path == "/api/v1/agents/setup").RequestMessage!;
        using var body = JsonDocument.Parse(setup.Body!);
        var pubkey = body.RootElement.GetProperty("agentPubkey").GetString()!;
        var timestamp = body.RootElement.GetProperty("timestamp").GetInt64();
        var signature = Convert.FromHexString(body.RootElement.GetProperty("signature").GetString()!);

        var message = System.Text.Encoding.UTF8.GetBytes($"decent-cloud/agent-setup/v1\n{pubkey}\n{timestamp}\ndcst_token");
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(pubkey), message, signature));
        Assert.False(Ed25519ph.Verify(Convert.FromHexString(pubkey), System.Text.Encoding.UTF8.GetBytes($"decent-cloud/agent-setup/v1\n{pubkey}\n{timestamp}\ndcst_other"), signature));
        Assert.InRange(timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds() * 1_000_000, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000);
    }

    [Fact]
    public async Task Setup_signs_the_registration_with_the_agent_key_it_sent_at_setup()
    {
        Assert.Equal(0, (await SetupAsync()).Exit);
        var setup = _api.LogEntries.Single(e => e.RequestMessage!.Path == "/api/v1/agents/setup").RequestMessage!;
        using var setupBody = JsonDocument.Parse(setup.Body!);
        Assert.Equal("dcst_token", setupBody.RootElement.GetProperty("token").GetString());
        var pubkey = setupBody.RootElement.GetProperty("agentPubkey").GetString()!;

        var register = _api.LogEntries.Single(e => e.RequestMessage!.Path == "/api/v1/agents/gateway/register").RequestMessage!;
        Assert.Equal("{\"dcId\":\"dc-lk\"}", register.Body);
        Assert.Equal(pubkey, register.Headers!["X-Agent-Pubkey"].Single());
        Assert.Equal("2", register.Headers["X-Signature-Version"].Single());
        var message = DecentCloud.Api.Client.RequestSignature.MessageV2(
            "POST", register.Headers["Host"].Single(), "/api/v1/agents/gateway/register", "", register.Headers["X-Timestamp"].Single(), register.Headers["X-Nonce"].Single(),
            System.Text.Encoding.UTF8.GetBytes(register.Body!));
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(pubkey), message, Convert.FromHexString(register.Headers["X-Signature"].Single())));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_dir, "agent", "agent.key")));
        var (_, second, _) = await SetupAsync();
        Assert.Contains($"{pubkey} (reused", second);
    }

    [Fact]
    public async Task A_different_prefix_or_domain_stops_before_registering_and_writes_no_caddy_files()
    {
        var (exit, _, stderr) = await SetupAsync("--gateway-gw-prefix", "dev-gw");
        Assert.Equal(1, exit);
        Assert.Contains("gateway prefix 'gw'", stderr);
        Assert.DoesNotContain(_api.LogEntries, e => e.RequestMessage!.Path == "/api/v1/agents/gateway/register");
        Assert.False(Directory.Exists(Caddy));
        Assert.False(File.Exists(Config));

        var (exit2, _, stderr2) = await SetupAsync("--gateway-domain", "example.org");
        Assert.Equal(1, exit2);
        Assert.Contains("domain 'decent-cloud.org'", stderr2);
    }

    [Fact]
    public async Task An_api_refusal_is_one_clear_line_and_nothing_is_written()
    {
        _api.Given(Request.Create().WithPath("/api/v1/agents/setup").UsingPost()).AtPriority(0).RespondWith(Response.Create().WithStatusCode(401)
            .WithHeader("Content-Type", "application/problem+json")
            .WithBody("{\"status\":401,\"detail\":\"The setup token is unknown, used or expired.\",\"code\":\"invalid_setup_token\"}"));
        var (exit, _, stderr) = await SetupAsync();
        Assert.Equal(1, exit);
        Assert.Equal($"error: POST {_api.Url}/api/v1/agents/setup failed with HTTP 401: The setup token is unknown, used or expired.", stderr.Trim());
        Assert.False(Directory.Exists(Caddy));
    }

    [Theory]
    [InlineData("--gateway-dc-id", "DC_LK")]
    [InlineData("--api-url", "ftp://x")]
    public async Task Bad_arguments_are_refused_before_any_call(string option, string value)
    {
        var (exit, _, stderr) = await AgentCli.RunAsync(
            "setup", "token", "--token", "t", "--api-url", option == "--api-url" ? value : _api.Url!,
            "--gateway-dc-id", option == "--gateway-dc-id" ? value : "dc-lk", "--config", Config, "--caddy-dir", Caddy);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.Empty(_api.LogEntries);
    }

    public static TheoryData<string[], string> BadCaddyOptions() => new()
    {
        { ["--caddy-tls", "manual"], "--caddy-tls (caddy.tls) must be acmedns or files" },
        { ["--caddy-tls", "files"], "--caddy-cert-file (caddy.certFile) is required" },
        { ["--caddy-tls", "files", "--caddy-cert-file", "/etc/tls/w.crt"], "--caddy-key-file (caddy.keyFile) is required" },
        { ["--caddy-tls", "files", "--caddy-cert-file", "tls/w.crt", "--caddy-key-file", "/etc/tls/w.key"], "--caddy-cert-file (caddy.certFile) 'tls/w.crt' must be an absolute path" },
        { ["--caddy-tls", "files", "--caddy-cert-file", "/etc/tls/w.crt", "--caddy-key-file", "/etc/tls/w key"], "--caddy-key-file (caddy.keyFile) '/etc/tls/w key' must be an absolute path" },
        { ["--caddy-cert-file", "/etc/tls/w.crt"], "apply only with --caddy-tls files" },
        { ["--caddy-admin", "localhost"], "--caddy-admin (caddy.admin) 'localhost' must be host:port" },
        { ["--caddy-admin", "local host:2019"], "--caddy-admin (caddy.admin) 'local host:2019' must be host:port" },
        { ["--caddy-admin", "localhost:0"], "--caddy-admin (caddy.admin) 'localhost:0' must be host:port" },
        { ["--caddy-admin", "[::1:2019"], "--caddy-admin (caddy.admin) '[::1:2019' must be host:port" },
        { ["--caddy-https-port", "0"], "--caddy-https-port (caddy.httpsPort) 0 must be a port 1-65535" },
        { ["--caddy-http-port", "70000"], "--caddy-http-port (caddy.httpPort) 70000 must be a port 1-65535" },
        { ["--caddy-http-port", "443"], "--caddy-http-port and --caddy-https-port (caddy.httpPort, caddy.httpsPort) must differ" },
        { ["--caddy-storage", "/var/lib/caddy}"], "--caddy-storage (caddy.storage) '/var/lib/caddy}' must be an absolute path" },
        { ["--caddy-storage", "/var/../etc"], "--caddy-storage (caddy.storage) '/var/../etc' must be an absolute path" },
        { ["--caddy-binary", "caddy;rm"], "--caddy-binary (caddy.binary) 'caddy;rm' must be a program name or path" },
    };

    [Theory]
    [MemberData(nameof(BadCaddyOptions))]
    public async Task A_bad_caddy_option_is_named_and_nothing_is_written_or_called(string[] options, string message)
    {
        var (exit, _, stderr) = await SetupAsync(options);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", stderr);
        Assert.Contains(message, stderr);
        Assert.Contains("Nothing was written.", stderr);
        Assert.Empty(_api.LogEntries);
        Assert.False(Directory.Exists(Caddy));
        Assert.False(Directory.Exists(Path.GetDirectoryName(Config)));
    }

    [Fact]
    public async Task Files_mode_and_the_other_caddy_options_are_written_into_the_caddyfile()
    {
        var (exit, stdout, stderr) = await SetupAsync(
            "--caddy-tls", "files", "--caddy-cert-file", "/etc/lego/certificates/_.dc-lk.gw.decent-cloud.org.crt",
            "--caddy-key-file", "/etc/lego/certificates/_.dc-lk.gw.decent-cloud.org.key", "--caddy-admin", "127.0.0.1:2020",
            "--caddy-http-port", "8080", "--caddy-https-port", "8443", "--caddy-storage", "/srv/caddy-data");
        Assert.True(exit == 0, stderr);
        Assert.Contains("caddy tls     files /etc/lego/certificates/_.dc-lk.gw.decent-cloud.org.crt", stdout);

        var caddyfile = File.ReadAllText(Path.Combine(Caddy, "Caddyfile"));
        Assert.StartsWith(
            "# Written by dc-agent setup; changes are overwritten on the next setup.\n{\n\tadmin 127.0.0.1:2020\n\thttp_port 8080\n\thttps_port 8443\n"
            + "\tstorage file_system {\n\t\troot /srv/caddy-data\n\t}\n}\n\n*.dc-lk.gw.decent-cloud.org {\n"
            + "\ttls /etc/lego/certificates/_.dc-lk.gw.decent-cloud.org.crt /etc/lego/certificates/_.dc-lk.gw.decent-cloud.org.key\n\n",
            caddyfile);
        Assert.DoesNotContain("acmedns", caddyfile);
        Assert.Contains($"import {Path.Combine(Caddy, "sites")}/*.caddy", caddyfile);
    }

    private string ReloadScript(int exitCode)
    {
        var script = Path.Combine(_dir, $"caddy-{exitCode}");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$@\" > {_dir}/reload-args\necho \"password=$ACME_DNS_PASSWORD\" > {_dir}/reload-env\n"
            + $"echo \"Error: sending configuration to instance: connection refused, password $ACME_DNS_PASSWORD\" >&2\nexit {exitCode}\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    private Task<(int Exit, string Out, string Err)> SetupWithReloadAsync(params string[] extra) => AgentCli.RunAsync(
        ["setup", "token", "--token", "dcst_token", "--api-url", _api.Url!, "--gateway-dc-id", "dc-lk", "--config", Config, "--caddy-dir", Caddy, .. extra]);

    [Fact]
    public async Task Setup_reloads_caddy_at_its_admin_address_with_the_credentials_in_the_environment()
    {
        var (exit, stdout, stderr) = await SetupWithReloadAsync("--caddy-binary", ReloadScript(0), "--caddy-admin", "localhost:2999");
        Assert.True(exit == 0, stderr);
        Assert.Contains("caddy reload  reloaded", stdout);
        Assert.Equal($"reload --config {Path.Combine(Caddy, "Caddyfile")} --adapter caddyfile --address localhost:2999", File.ReadAllText(Path.Combine(_dir, "reload-args")).Trim());
        Assert.Equal($"password={Password}", File.ReadAllText(Path.Combine(_dir, "reload-env")).Trim());
    }

    [Fact]
    public async Task A_failed_reload_fails_setup_with_caddys_reason_and_no_password()
    {
        var (exit, stdout, stderr) = await SetupWithReloadAsync("--caddy-binary", ReloadScript(1));
        Assert.Equal(1, exit);
        Assert.Contains("caddy reload  FAILED", stdout);
        Assert.Equal(
            "error: the files and the configuration are written, but Caddy did not take them: caddy reload failed (exit 1): "
            + "Error: sending configuration to instance: connection refused, password ***. Start or fix Caddy, then run setup again or reload Caddy with the env file as its environment.",
            stderr.Trim());
        Assert.DoesNotContain(Password, stdout + stderr);
        Assert.True(File.Exists(Path.Combine(Caddy, "Caddyfile")));
        Assert.True(File.Exists(Config));
    }

    [Fact]
    public async Task A_missing_caddy_fails_a_setup_that_asked_for_a_reload()
    {
        var (exit, _, stderr) = await SetupWithReloadAsync("--caddy-binary", Path.Combine(_dir, "no-caddy-here"));
        Assert.Equal(1, exit);
        Assert.Contains($"caddy not found ('{Path.Combine(_dir, "no-caddy-here")}')", stderr);
    }

    [Fact]
    public async Task In_files_mode_the_reload_waits_for_the_certificate_the_env_file_is_needed_to_obtain()
    {
        var (exit, stdout, stderr) = await SetupWithReloadAsync(
            "--caddy-binary", ReloadScript(1), "--caddy-tls", "files", "--caddy-cert-file", Path.Combine(_dir, "w.crt"), "--caddy-key-file", Path.Combine(_dir, "w.key"));
        Assert.True(exit == 0, stderr);
        Assert.Contains($"caddy reload  skipped: {Path.Combine(_dir, "w.crt")} or {Path.Combine(_dir, "w.key")} does not exist yet", stdout);
        Assert.False(File.Exists(Path.Combine(_dir, "reload-args")));
    }

    [Fact]
    public async Task Setup_reloads_a_running_caddy_into_the_gateway_it_wrote()
    {
        using var wildcard = new CaddyTestGateway();
        var ports = CaddyProcess.FreePorts(3);
        var bootstrap = Path.Combine(_dir, "bootstrap.Caddyfile");
        File.WriteAllText(bootstrap, $"{{\n\tadmin 127.0.0.1:{ports[0]}\n}}\n");
        await using var caddy = await CaddyProcess.StartAsync(bootstrap, $"127.0.0.1:{ports[0]}");
        string[] common = ["--caddy-admin", $"127.0.0.1:{ports[0]}", "--caddy-http-port", $"{ports[1]}", "--caddy-https-port", $"{ports[2]}",
            "--caddy-storage", Path.Combine(_dir, "caddy-storage")];

        // Debian's Caddy has no acmedns module: the reload fails and setup says so with Caddy's own reason.
        var (refused, _, reason) = await SetupWithReloadAsync(common);
        Assert.Equal(1, refused);
        Assert.Contains("module not registered: dns.providers.acmedns", reason);
        Assert.DoesNotContain(Password, reason);

        var (exit, stdout, stderr) = await SetupWithReloadAsync(
            [.. common, "--caddy-tls", "files", "--caddy-cert-file", wildcard.CertFile, "--caddy-key-file", wildcard.KeyFile]);
        Assert.True(exit == 0, stderr + caddy.Log);
        Assert.Contains("caddy reload  reloaded", stdout);

        // The running Caddy now presents the wildcard for any name under it.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, ports[2], TestContext.Current.CancellationToken);
        string? presented = null;
        using var tlsStream = new System.Net.Security.SslStream(tcp.GetStream());
        await tlsStream.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = $"zzzzzz.{CaddyTestGateway.Name}",
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                return presented == wildcard.Thumbprint;
            },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(wildcard.Thumbprint, presented);
    }

    [Fact]
    public async Task Doctor_passes_after_setup_and_flags_a_readable_env_file()
    {
        Assert.Equal(0, (await SetupAsync("--gateway-public-ip", "203.0.113.5")).Exit);
        var (exit, stdout, _) = await AgentCli.RunAsync("doctor", "--config", Config);
        Assert.True(exit == 0, stdout);
        Assert.Contains("all checks passed", stdout);

        File.SetUnixFileMode(Path.Combine(Caddy, "env"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
        var (failed, report, _) = await AgentCli.RunAsync("doctor", "--config", Config);
        Assert.Equal(1, failed);
        Assert.Contains("FAIL  env file", report);
    }

    [Fact]
    public async Task Doctor_and_run_name_a_missing_public_address_the_vm_names_would_point_at()
    {
        var (setupExit, setupOut, _) = await SetupAsync();
        Assert.Equal(0, setupExit);
        Assert.Contains("public ip     not set", setupOut);

        var (exit, stdout, _) = await AgentCli.RunAsync("doctor", "--config", Config);
        Assert.Equal(1, exit);
        Assert.Contains("FAIL  serving     gateway.publicIp is not set", stdout);

        await AddRunSectionsAsync();
        var (runExit, _, runErr) = await AgentCli.RunAsync("run", "--config", Config);
        Assert.Equal(2, runExit);
        Assert.Contains("gateway.publicIp is missing", runErr);
    }

    [Fact]
    public async Task A_second_setup_keeps_the_backend_the_run_settings_and_how_the_gateway_serves()
    {
        Assert.Equal(0, (await SetupAsync("--gateway-public-ip", "203.0.113.5")).Exit);
        await AddRunSectionsAsync(gateway => gateway["httpPort"] = 8080);

        var (exit, stdout, stderr) = await SetupAsync();
        Assert.True(exit == 0, stderr);
        Assert.Contains("backend and run settings kept", stdout);

        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Config, TestContext.Current.CancellationToken))!;
        Assert.Equal("hetzner", config["provisioner"]!["type"]!.GetValue<string>());
        Assert.Equal(7, config["run"]!["pollSeconds"]!.GetValue<int>());
        Assert.Equal(("203.0.113.5", 8080), (config["gateway"]!["publicIp"]!.GetValue<string>(), config["gateway"]!["httpPort"]!.GetValue<int>()));
    }

    [Theory]
    [InlineData("203.0.113")]
    [InlineData("2001:db8::1")]
    [InlineData("203.0.113.5\nACME")]
    public async Task A_bad_public_address_is_refused_and_nothing_is_written(string address)
    {
        var (exit, _, stderr) = await SetupAsync("--gateway-public-ip", address);
        Assert.Equal(1, exit);
        Assert.Contains("--gateway-public-ip", stderr);
        Assert.False(File.Exists(Config));
        Assert.False(File.Exists(Path.Combine(Caddy, "env")));
    }

    [Fact]
    public async Task An_unreadable_existing_configuration_is_not_overwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Config)!);
        await File.WriteAllTextAsync(Config, "{ not json", TestContext.Current.CancellationToken);

        var (exit, _, stderr) = await SetupAsync();

        Assert.Equal(1, exit);
        Assert.Contains("cannot be read", stderr);
        Assert.Equal("{ not json", await File.ReadAllTextAsync(Config, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(Path.Combine(Caddy, "env")));
    }

    /// <summary>What a provider adds after setup: the backend and the loops' settings (and may change the gateway's).</summary>
    private async Task AddRunSectionsAsync(Action<System.Text.Json.Nodes.JsonObject>? gateway = null)
    {
        var config = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Config, TestContext.Current.CancellationToken))!.AsObject();
        var sshKey = Path.Combine(_dir, "agent", "ssh_key");
        await File.WriteAllTextAsync(sshKey, "key", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(sshKey + ".pub", "ssh-ed25519 AAAA agent", TestContext.Current.CancellationToken);
        config["run"] = System.Text.Json.JsonSerializer.SerializeToNode(new { pollSeconds = 7, stateDir = Path.Combine(_dir, "state"), sshKeyPath = sshKey });
        config["provisioner"] = System.Text.Json.JsonSerializer.SerializeToNode(new { type = "hetzner", hetzner = new { apiToken = "t" } });
        gateway?.Invoke(config["gateway"]!.AsObject());
        await File.WriteAllTextAsync(Config, config.ToJsonString(), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Doctor_reports_a_missing_config()
    {
        var (exit, stdout, _) = await AgentCli.RunAsync("doctor", "--config", Path.Combine(_dir, "none.json"));
        Assert.Equal(1, exit);
        Assert.Contains("FAIL  config", stdout);
    }
}
