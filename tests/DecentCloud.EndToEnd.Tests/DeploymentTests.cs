using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DecentCloud.Adapters.Crypto.Credentials;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// The deployment artefacts (deploy/, scripts/publish.sh, .dockerignore), checked as far as this machine can:
/// the self-contained publishes start, the systemd units pass systemd-analyze, and the image's publish, health
/// check and settings are the ones tested here. The image build itself needs base images from a container
/// registry these machines cannot reach, so it is not run.
/// </summary>
[Collection(nameof(DeploymentCollection))]
public sealed class DeploymentTests(PublishedPrograms published, ITestOutputHelper log) : IClassFixture<PublishedPrograms>, IDisposable
{
    /// <summary>dc-agent's <c>run.shutdownTimeoutSeconds</c> default (README, dc-agent): systemd must wait longer.</summary>
    private const int AgentShutdownTimeoutSeconds = 60;

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-deploy-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void The_image_publishes_with_the_script_and_arguments_the_tests_ran()
    {
        log.WriteLine($"the two self-contained publishes took {published.Elapsed.TotalSeconds:F0} s");
        var dockerfile = DockerfileText.Load(PublishedPrograms.DockerfilePath);
        var build = dockerfile.All("RUN").Single(i => i.Arguments.Contains(PublishedPrograms.Script, StringComparison.Ordinal)).Stage;
        Assert.NotEqual(dockerfile.FinalStage, build);
        Assert.Equal(["./" + PublishedPrograms.Script, "--output", published.ImageOutput, "api"], published.ImageRunWords);
        Assert.Equal(["./" + PublishedPrograms.Script, "--output", published.Output, "api"], published.RanWords);
        Assert.Equal(["COPY . ."], dockerfile.All("COPY", build).Select(i => "COPY " + i.Arguments));

        // The image takes the published folder whole, and starts the executable the test starts.
        var final = dockerfile.FinalStage;
        var copy = dockerfile.All("COPY", final).Select(i => DockerfileText.Words(i.Arguments))
            .Single(w => w[0] == "--from=" + dockerfile.StageName(build) && w[1] == published.ImageOutput + "/api/");
        var appDir = copy[2].TrimEnd('/');
        var entrypoint = DockerfileText.ExecForm(dockerfile.All("ENTRYPOINT", final).Single().Arguments);
        Assert.Equal(appDir + "/DecentCloud.Api", entrypoint[0]);
        Assert.True(File.Exists(Path.Combine(published.ApiDir, "DecentCloud.Api")));
        AssertSelfContainedSingleFile(Path.Combine(published.ApiDir, "DecentCloud.Api"));
    }

    [Fact]
    public void The_build_context_holds_the_sources_and_build_settings_and_nothing_else()
    {
        var files = published.ContextFiles;
        Assert.Contains(PublishedPrograms.Script, files);
        Assert.Contains("deploy/api/healthcheck.sh", files);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config" })
        {
            Assert.Contains(file, files);
        }

        Assert.Contains("src/Hosts/DecentCloud.Api/Program.cs", files);
        Assert.All(files, f => Assert.True(f.StartsWith("src/", StringComparison.Ordinal) || !f.Contains('/', StringComparison.Ordinal)
            || f is PublishedPrograms.Script or "deploy/api/healthcheck.sh", $"{f} should not be in the build context"));
        Assert.DoesNotContain(files, f => f.StartsWith("tests/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_published_api_starts_and_answers_health()
    {
        await using var api = await StartPublishedApiAsync();
        using var http = new HttpClient();
        var health = await http.GetAsync($"{api.Url}/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("""{"status":"ok"}""", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.True(File.Exists(api.DatabasePath), $"the SQLite file was not created:\n{api.Process.Output}");
    }

    [Fact]
    public async Task The_image_health_check_passes_on_a_running_api_and_fails_otherwise()
    {
        var script = Path.Combine(Programs.Root, "deploy", "api", "healthcheck.sh");
        await using (var api = await StartPublishedApiAsync())
        {
            // As in the image: the wildcard listen address of DC_LISTEN_URLS, reached over loopback.
            var healthy = await HealthCheckAsync(script, $"http://0.0.0.0:{api.Port}");
            Assert.True(healthy.ExitCode == 0, healthy.ToString());
            var second = await HealthCheckAsync(script, $"http://127.0.0.1:{api.Port};http://127.0.0.1:1");
            Assert.True(second.ExitCode == 0, second.ToString());
        }

        var closed = await HealthCheckAsync(script, $"http://127.0.0.1:{Programs.FreeTcpPort()}");
        Assert.NotEqual(0, closed.ExitCode);

        using var unhealthy = new TcpListener(IPAddress.Loopback, 0);
        unhealthy.Start();
        var answer = AnswerOnceAsync(unhealthy, "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");
        var failing = await HealthCheckAsync(script, $"http://127.0.0.1:{((IPEndPoint)unhealthy.LocalEndpoint).Port}");
        Assert.Equal("GET /health", await answer);
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("503", failing.Stderr);

        var https = await HealthCheckAsync(script, "https://127.0.0.1:1");
        Assert.NotEqual(0, https.ExitCode);
    }

    [Fact]
    public void The_image_runs_unprivileged_with_its_data_volume_ports_and_health_check()
    {
        var dockerfile = DockerfileText.Load(PublishedPrograms.DockerfilePath);
        var final = dockerfile.FinalStage;
        // The publish is linux-x64, so the image is amd64 wherever it is built.
        Assert.StartsWith("--platform=linux/amd64 ", dockerfile.All("FROM", final).Single().Arguments, StringComparison.Ordinal);
        var env = dockerfile.Environment(final);
        Assert.Equal("http://0.0.0.0:8080", env["DC_LISTEN_URLS"]);
        Assert.Equal("0.0.0.0:8053", env["DC_DNS_LISTEN"]);

        var volume = dockerfile.All("VOLUME", final).Single().Arguments;
        Assert.StartsWith(volume + "/", env["DC_SQLITE_PATH"], StringComparison.Ordinal);

        var exposed = dockerfile.All("EXPOSE", final).SelectMany(i => DockerfileText.Words(i.Arguments)).ToHashSet();
        Assert.Equal(new HashSet<string> { "8080/tcp", "8053/udp", "8053/tcp" }, exposed);

        // A numeric, non-root user that owns the volume's folder before the volume is declared.
        var user = dockerfile.All("USER", final).Single().Arguments;
        Assert.Matches("^[1-9][0-9]*$", user);
        var order = dockerfile.Instructions.ToList();
        var owned = order.FindIndex(i => i.Stage == final && i.Keyword == "RUN" && i.Arguments == $"install -d -o {user} -g {user} -m 700 {volume}");
        Assert.True(owned >= 0, $"the final stage should make {volume} owned by {user}");
        Assert.True(order.FindIndex(i => i.Keyword == "VOLUME") > owned, "the folder must be owned before VOLUME: later changes are discarded");

        var healthcheck = dockerfile.All("HEALTHCHECK", final).Single().Arguments;
        var command = DockerfileText.ExecForm(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]);
        Assert.Contains(dockerfile.All("COPY", final).Select(i => DockerfileText.Words(i.Arguments)),
            w => w[^2] == "deploy/api/healthcheck.sh" && w[^1] == command[0] && w.Contains("--chmod=755"));
    }

    [Fact]
    public async Task The_published_dc_agent_prints_the_product_version()
    {
        var agent = Path.Combine(published.AgentDir, "dc-agent");
        AssertSelfContainedSingleFile(agent);
        var version = await Programs.RunAsync(agent, ["--version"], cwd: _dir);
        Assert.True(version.ExitCode == 0, version.ToString());
        var product = XDocument.Load(Path.Combine(Programs.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        Assert.Matches($"^{Regex.Escape(product)}(\\+[0-9a-f]{{40}})?$", version.Stdout.Trim());
        Assert.Empty(version.Stderr);
    }

    [Fact]
    public async Task The_published_dc_agent_loads_its_native_crypto_beside_it()
    {
        // Decrypting a credential uses libsodium, which the single file keeps beside it rather than inside.
        const string password = "Tk3!xQ9#mV2$hL7@cZ5%rW8^";
        var contract = new string('d', 64);
        var seed = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();
        var blob = Path.Combine(_dir, "blob.json");
        await File.WriteAllTextAsync(blob, CredentialEnvelope.Seal(password, ContractId.FromHex(contract).Value,
            [new CredentialRecipient(RecipientKind.Account, X25519Keys.PublicFromSecret(X25519Keys.AccountSecretFromSeed(seed)))]),
            TestContext.Current.CancellationToken);
        var result = await Programs.RunAsync(Path.Combine(published.AgentDir, "dc-agent"),
            ["credentials", "decrypt", "--blob", blob, "--contract-id", contract, "--seed-hex", Convert.ToHexString(seed)], cwd: _dir);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(password, result.Stdout.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("deploy/agent/dc-agent.service", "/opt/dc-agent/dc-agent", "dc-agent")]
    [InlineData("deploy/api/decentcloud-api.service", "/opt/decentcloud-api/DecentCloud.Api", "api")]
    public async Task The_systemd_units_pass_verify_with_the_published_program(string unitPath, string installedProgram, string program)
    {
        var unit = SystemdUnit.Load(Path.Combine(Programs.Root, unitPath));
        Assert.Equal(installedProgram, unit.ExecStartProgram);

        // verify also checks that ExecStart's program exists and is executable: the installed path becomes the
        // program just published, the only change to the unit.
        var executable = Path.Combine(program == "api" ? published.ApiDir : published.AgentDir, Path.GetFileName(installedProgram));
        var copy = Path.Combine(_dir, Path.GetFileName(unitPath));
        await File.WriteAllTextAsync(copy, unit.Text.Replace(installedProgram, executable, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var verify = await Programs.RunAsync(Programs.Tool("systemd-analyze"), ["verify", copy], cwd: _dir);
        Assert.True(verify.ExitCode == 0 && verify.Stdout.Length == 0 && verify.Stderr.Length == 0, verify.ToString());

        // The hardening adds up to an exposure level of at most 4.0 ("OK") on systemd's scale of 10.
        var security = await Programs.RunAsync(Programs.Tool("systemd-analyze"), ["security", "--offline=yes", "--threshold=40", "--no-pager", copy], cwd: _dir);
        Assert.True(security.ExitCode == 0, security.ToString());

        Assert.NotEqual("root", unit.Single("Service", "User"));
        Assert.Equal("yes", unit.Single("Service", "NoNewPrivileges"));
        Assert.Equal("strict", unit.Single("Service", "ProtectSystem"));
        Assert.Equal("on-failure", unit.Single("Service", "Restart"));
        Assert.Equal("SIGTERM", unit.Single("Service", "KillSignal"));
    }

    [Fact]
    public async Task Systemd_analyze_verify_reports_a_misspelt_setting()
    {
        // The verify test above requires silence: this is what a mistake sounds like (verify still exits 0).
        var unit = SystemdUnit.Load(Path.Combine(Programs.Root, "deploy/agent/dc-agent.service"));
        var copy = Path.Combine(_dir, "dc-agent.service");
        await File.WriteAllTextAsync(copy, unit.Text
            .Replace(unit.ExecStartProgram, Path.Combine(published.AgentDir, "dc-agent"), StringComparison.Ordinal)
            .Replace("ProtectSystem=", "ProtectSystm=", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var verify = await Programs.RunAsync(Programs.Tool("systemd-analyze"), ["verify", copy], cwd: _dir);
        Assert.Contains("Unknown key", verify.Stdout + verify.Stderr);
    }

    [Fact]
    public void The_agent_unit_keeps_its_folders_and_outwaits_the_agent_shutdown()
    {
        var unit = SystemdUnit.Load(Path.Combine(Programs.Root, "deploy/agent/dc-agent.service"));
        Assert.Equal("dc-agent", unit.Single("Service", "User"));
        Assert.Equal("dc-agent", unit.Single("Service", "StateDirectory"));
        Assert.Equal("dc-agent", unit.Single("Service", "ConfigurationDirectory"));
        Assert.Equal("/opt/dc-agent/dc-agent run --config /etc/dc-agent/config.json --log-format json", unit.Single("Service", "ExecStart"));
        Assert.Contains("/etc/caddy", unit.Single("Service", "ReadWritePaths"), StringComparison.Ordinal);
        var stop = Regex.Match(unit.Single("Service", "TimeoutStopSec"), "^([0-9]+)s?$");
        Assert.True(stop.Success && int.Parse(stop.Groups[1].Value) > AgentShutdownTimeoutSeconds, "TimeoutStopSec must outlast the agent's shutdown timeout");
        Assert.Equal("yes", unit.Single("Service", "PrivateTmp"));
    }

    private async Task<RunningApi> StartPublishedApiAsync()
    {
        var port = Programs.FreeTcpPort();
        var database = Path.Combine(_dir, $"api-{port}", "decentcloud.db");
        var env = new Dictionary<string, string>
        {
            ["DC_LISTEN_URLS"] = $"http://127.0.0.1:{port}",
            ["DC_DNS_LISTEN"] = $"127.0.0.1:{Programs.FreeTcpPort()}",
            ["DC_SQLITE_PATH"] = database,
        };
        var process = new Background(Path.Combine(published.ApiDir, "DecentCloud.Api"), [], env, _dir);
        try
        {
            await process.WaitForTcpAsync(port, TimeSpan.FromSeconds(60));
            return new RunningApi(process, port, database);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    private static Task<RunResult> HealthCheckAsync(string script, string listenUrls) =>
        Programs.RunAsync(script, [], new Dictionary<string, string> { ["DC_LISTEN_URLS"] = listenUrls }, timeout: TimeSpan.FromSeconds(30));

    /// <summary>Accepts one connection, answers it with <paramref name="response"/>, returns the request line's method and path.</summary>
    private static async Task<string> AnswerOnceAsync(TcpListener listener, string response)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        var requestLine = await reader.ReadLineAsync() ?? "";
        while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
        {
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(response));
        return string.Join(' ', requestLine.Split(' ').Take(2));
    }

    /// <summary>
    /// A self-contained single file carries the runtime inside it (System.Private.CoreLib is named in the bundle's
    /// manifest); a framework-dependent one does not, and there are no loose assemblies beside either.
    /// </summary>
    private static void AssertSelfContainedSingleFile(string executable)
    {
        var bytes = File.ReadAllBytes(executable);
        Assert.True(bytes.AsSpan().IndexOf("System.Private.CoreLib.dll"u8) >= 0, $"{executable} does not carry the runtime");
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(executable)!, "*.dll"));
        Assert.True((File.GetUnixFileMode(executable) & UnixFileMode.UserExecute) != 0);
    }

    private sealed record RunningApi(Background Process, int Port, string DatabasePath) : IAsyncDisposable
    {
        public string Url => $"http://127.0.0.1:{Port}";

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}

/// <summary>
/// The publishes keep both cores busy for minutes: they run alone, after the parallel tests, so the timing of
/// the other end-to-end tests (leases, heartbeats, certificate issuance) is not squeezed by them.
/// </summary>
[CollectionDefinition(nameof(DeploymentCollection), DisableParallelization = true)]
public sealed class DeploymentCollection;
