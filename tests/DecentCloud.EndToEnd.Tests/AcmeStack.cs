using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// The real stack on loopback: the API as a process with its embedded DNS server, pebble as the ACME CA
/// resolving through that DNS server, and lego as the ACME client driven by an acme-dns hook.
/// </summary>
public sealed class AcmeStack : IAsyncLifetime
{
    public const string Domain = "decent-cloud.test";
    public const string Prefix = "dev-gw";

    /// <summary>Challenge values older than this leave DNS; short so the test can watch it happen.</summary>
    public static readonly TimeSpan TxtMaxAge = TimeSpan.FromSeconds(30);

    private Background? _api;
    private Background? _pebble;

    public string Dir { get; } = Directory.CreateTempSubdirectory("dc-e2e-").FullName;

    public int ApiPort { get; } = Programs.FreeTcpPort();

    public int DnsPort { get; } = Programs.FreeTcpPort();

    public int PebblePort { get; } = Programs.FreeTcpPort();

    /// <summary>pebble's management interface, which hands out the CA's root certificate.</summary>
    public int PebbleManagementPort { get; } = Programs.FreeTcpPort();

    public string ApiUrl => $"http://127.0.0.1:{ApiPort}";

    public string PebbleCert => Path.Combine(Dir, "pebble.crt");

    public string Hook => Path.Combine(Dir, "acme-dns-hook.sh");

    public Dictionary<string, string> ApiEnvironment => new()
    {
        ["API_PUBLIC_URL"] = ApiUrl,
        ["DC_LISTEN_URLS"] = ApiUrl,
        ["DC_DNS_LISTEN"] = $"127.0.0.1:{DnsPort}",
        ["DC_SQLITE_PATH"] = Path.Combine(Dir, "api.db"),
        ["CF_DOMAIN"] = Domain,
        ["CF_GW_PREFIX"] = Prefix,
        ["DC_ACME_TXT_MAX_AGE_SECONDS"] = ((int)TxtMaxAge.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DC_SWEEP_INTERVAL_SECONDS"] = "1",
    };

    public string ApiOutput => _api?.Output ?? string.Empty;

    public string PebbleOutput => _pebble?.Output ?? string.Empty;

    public async ValueTask InitializeAsync()
    {
        var dotnet = Programs.Tool("dotnet");
        _api = new Background(dotnet, [Programs.ApiDll], ApiEnvironment, Dir);
        await _api.WaitForTcpAsync(ApiPort, TimeSpan.FromSeconds(60));

        WritePebbleCertificate();
        var config = Path.Combine(Dir, "pebble.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            pebble = new
            {
                listenAddress = $"127.0.0.1:{PebblePort}",
                managementListenAddress = $"127.0.0.1:{PebbleManagementPort}",
                certificate = PebbleCert,
                privateKey = Path.Combine(Dir, "pebble.key"),
                httpPort = Programs.FreeTcpPort(),
                tlsPort = Programs.FreeTcpPort(),
                ocspResponderURL = "",
                externalAccountBindingRequired = false,
            },
        }));
        _pebble = new Background(
            Programs.Tool("pebble"),
            ["-config", config, "-dnsserver", $"127.0.0.1:{DnsPort}"],
            new Dictionary<string, string> { ["PEBBLE_VA_NOSLEEP"] = "1", ["PEBBLE_WFE_NONCEREJECT"] = "0", ["PEBBLE_AUTHZREUSE"] = "0" },
            Dir);
        await _pebble.WaitForTcpAsync(PebblePort, TimeSpan.FromSeconds(30));

        // Exactly the call Caddy's acmedns module makes: POST {server_url}/update with the account headers.
        await File.WriteAllTextAsync(Hook, """
            #!/bin/sh
            set -eu
            [ "$1" = "present" ] || exit 0
            . "$DC_ACME_DNS_ENV"
            curl -fsS -X POST "$ACME_DNS_SERVER_URL/update" \
              -H "X-Api-User: $ACME_DNS_USERNAME" -H "X-Api-Key: $ACME_DNS_PASSWORD" \
              -H "Content-Type: application/json" \
              -d "{\"subdomain\":\"$ACME_DNS_SUBDOMAIN\",\"txt\":\"$3\"}"
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(Hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_pebble is not null)
        {
            await _pebble.DisposeAsync();
        }

        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        Directory.Delete(Dir, true);
    }

    /// <summary><c>admin create-setup-token</c> through <c>dotnet run</c>, exactly as the README documents it.</summary>
    public async Task<string> CreateSetupTokenAsync(string pool)
    {
        var result = await Programs.RunAsync(
            Programs.Tool("dotnet"),
            ["run", "--no-build", "--configuration", Programs.Configuration, "--project", "src/Hosts/DecentCloud.Api", "--", "admin", "create-setup-token", "--pool", pool],
            ApiEnvironment);
        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stdout must hold only the token:\n{result}");
        Assert.StartsWith("dcst_", lines[0]);
        return lines[0].Trim();
    }

    /// <summary><c>dc-agent setup token</c> into its own folder; returns the env file it wrote.</summary>
    public async Task<string> SetupAgentAsync(string name, string token, string dcId, params string[] options)
    {
        var home = Path.Combine(Dir, name);
        var result = await Programs.RunAsync(
            Programs.Tool("dotnet"),
            [Programs.AgentDll, "setup", "token", "--token", token, "--api-url", ApiUrl, "--gateway-dc-id", dcId,
             "--gateway-gw-prefix", Prefix, "--gateway-domain", Domain,
             "--config", Path.Combine(home, "agent", "config.json"), "--caddy-dir", Path.Combine(home, "caddy"), "--no-reload", .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var env = Path.Combine(home, "caddy", "env");
        var password = File.ReadAllLines(env).Single(l => l.StartsWith("ACME_DNS_PASSWORD=", StringComparison.Ordinal))["ACME_DNS_PASSWORD=".Length..];
        Assert.DoesNotContain(password, result.Stdout + result.Stderr);
        return env;
    }

    /// <summary>lego asking pebble for <paramref name="domain"/>, the challenge published with the credentials of <paramref name="envFile"/>.</summary>
    public Task<RunResult> LegoAsync(string envFile, string domain, string account) =>
        Programs.RunAsync(
            Programs.Tool("lego"),
            ["--server", $"https://127.0.0.1:{PebblePort}/dir", "--email", $"{account}@example.org", "--accept-tos",
             "--dns", "exec", "--dns.disable-cp", "--dns.resolvers", $"127.0.0.1:{DnsPort}",
             "--domains", domain, "--path", Path.Combine(Dir, "lego-" + account), "run"],
            new Dictionary<string, string>
            {
                ["EXEC_PATH"] = Hook,
                ["EXEC_PROPAGATION_TIMEOUT"] = "20",
                ["EXEC_POLLING_INTERVAL"] = "1",
                ["LEGO_CA_CERTIFICATES"] = PebbleCert,
                ["DC_ACME_DNS_ENV"] = envFile,
            },
            timeout: TimeSpan.FromMinutes(2));

    /// <summary>
    /// The root certificate pebble signs with (made fresh at each pebble start), from its management interface, whose own TLS
    /// certificate is the one this stack wrote: trusted by exact match, nothing else.
    /// </summary>
    public async Task<X509Certificate2> PebbleRootAsync()
    {
        using var listener = X509Certificate2.CreateFromPem(File.ReadAllText(PebbleCert));
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(listener.RawData) };
        using var http = new HttpClient(handler);
        return X509Certificate2.CreateFromPem(await http.GetStringAsync(new Uri($"https://127.0.0.1:{PebbleManagementPort}/roots/0")));
    }

    public string? IssuedCertificate(string account, string domain)
    {
        var path = Path.Combine(Dir, "lego-" + account, "certificates", domain.Replace('*', '_') + ".crt");
        return File.Exists(path) ? path : null;
    }

    /// <summary>TXT values of a name, asked with dig from the embedded DNS server.</summary>
    public async Task<string[]> DigTxtAsync(string name) => [.. (await DigAsync(name, "TXT")).Select(l => l.Trim('"'))];

    /// <summary>The records of one type of a name, asked with dig from the embedded DNS server.</summary>
    public async Task<string[]> DigAsync(string name, string type)
    {
        var result = await Programs.RunAsync(Programs.Tool("dig"), ["@127.0.0.1", "-p", DnsPort.ToString(System.Globalization.CultureInfo.InvariantCulture), name, type, "+short"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()).ToArray();
    }

    /// <summary>A client for the API and the test's own servers.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    private void WritePebbleCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(PebbleCert, certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(Dir, "pebble.key"), key.ExportPkcs8PrivateKeyPem());
    }
}
