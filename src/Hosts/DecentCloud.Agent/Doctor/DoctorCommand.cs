using System.CommandLine;
using DecentCloud.Agent.Common;
using DecentCloud.Agent.Gateway;
using DecentCloud.Agent.Setup;
using DecentCloud.Api.Client;

namespace DecentCloud.Agent.Doctor;

/// <summary><c>dc-agent doctor</c>: checks the configuration, the key, the API and the Caddy files, one line each.</summary>
internal static class DoctorCommand
{
    public static Command Create(TextWriter stdout)
    {
        var config = new Option<string>("--config") { Description = "Agent configuration file.", DefaultValueFactory = _ => AgentConfig.DefaultPath };
        var command = new Command("doctor", "Check the agent's configuration, key, API access and Caddy files.") { config };
        command.SetAction(async (parse, ct) =>
        {
            var checks = new Checks(stdout);
            await RunAsync(checks, parse.GetValue(config)!, ct);
            await stdout.WriteLineAsync(checks.Failures == 0 ? "all checks passed" : $"{checks.Failures} check(s) failed");
            return checks.Failures == 0 ? 0 : 1;
        });
        return command;
    }

    private static async Task RunAsync(Checks checks, string configPath, CancellationToken cancellationToken)
    {
        var config = checks.Run("config", () => (AgentConfig.Load(configPath), configPath));
        if (config is null)
        {
            return;
        }

        var signer = checks.Run("agent key", () =>
        {
            var mode = File.GetUnixFileMode(config.AgentKeyPath);
            if ((mode & ~SafeFile.Mode600) != 0)
            {
                throw new InvalidDataException($"{config.AgentKeyPath} has mode {Convert.ToString((int)mode, 8)}; it must be 600");
            }

            var key = AgentKeyFile.Load(config.AgentKeyPath);
            return (key, key.PublicKeyHex());
        });

        using var api = new AgentApi(config.ApiUrl, signer, TimeProvider.System);
        await checks.RunAsync("api", api, async () =>
        {
            await api.Public.GetHealthAsync(cancellationToken);
            return config.ApiUrl;
        });

        if (config.Gateway is not { } gateway)
        {
            checks.Fail("gateway", "no gateway configured; run dc-agent setup token");
            return;
        }

        if (signer is not null)
        {
            await checks.RunAsync("delegation", api, async () =>
            {
                var list = await api.Agent.ListGatewayCredentialsAsync(cancellationToken) ?? [];
                var mine = list.FirstOrDefault(c => c.DcId == gateway.DcId)
                    ?? throw new InvalidDataException($"the API lists no credentials for dc_id {gateway.DcId}");
                return mine.RevokedAt is null
                    ? $"gateway {gateway.DcId} registered, credentials active"
                    : throw new InvalidDataException($"the credentials of {gateway.DcId} were revoked; run setup again");
            });
        }

        var files = new CaddyFiles(gateway.CaddyDir);
        checks.Run("caddyfile", () =>
        {
            var text = File.ReadAllText(files.Caddyfile);
            var wildcard = $"*.{gateway.Name}";
            var caddy = gateway.Caddy;
            var tls = caddy.Tls == CaddyTlsMode.Files ? $"tls {caddy.CertFile} {caddy.KeyFile}" : "dns acmedns";
            if (!text.Contains(wildcard, StringComparison.Ordinal) || !text.Contains(tls, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{files.Caddyfile} does not serve {wildcard} with {tls}; run setup again");
            }

            var missing = caddy.Tls == CaddyTlsMode.Files ? new[] { caddy.CertFile!, caddy.KeyFile! }.Where(f => !File.Exists(f)).ToArray() : [];
            return missing.Length == 0
                ? (true, $"{files.Caddyfile} ({(caddy.Tls == CaddyTlsMode.Files ? "certificate files present" : "acmedns")})")
                : throw new InvalidDataException($"{string.Join(", ", missing)} missing: obtain the wildcard with your ACME client (README, Caddy on the gateway)");
        });
        checks.Run("caddy", () => ProgramPath.Resolve(gateway.Caddy.Binary) is { } caddy
            ? (true, $"{caddy}, admin {gateway.Caddy.Admin}")
            : throw new InvalidDataException($"caddy ('{gateway.Caddy.Binary}') not found: install Caddy, or set gateway.caddy.binary"));
        checks.Run("serving", () =>
        {
            if (gateway.PublicIp is null)
            {
                throw new InvalidDataException("gateway.publicIp is not set: dc-agent run cannot name the VMs (setup token --gateway-public-ip)");
            }

            var type = config.Provisioner?.Type ?? string.Empty;
            if (!gateway.SshForwarding.EnabledFor(type))
            {
                return (true, $"VMs as *.{gateway.Name} at {gateway.PublicIp}, HTTP port {gateway.HttpPort}; SSH not forwarded");
            }

            var nft = ProgramPath.Resolve(gateway.SshForwarding.NftPath)
                ?? throw new InvalidDataException($"SSH forwarding is on for {type} but nft ('{gateway.SshForwarding.NftPath}') is not found: install the nftables package");
            return (true, $"VMs as *.{gateway.Name} at {gateway.PublicIp}, HTTP port {gateway.HttpPort}; SSH ports {gateway.SshForwarding.FirstPort}-{gateway.SshForwarding.LastPort} via {nft}");
        });
        checks.Run("env file", () =>
        {
            var mode = File.GetUnixFileMode(files.EnvFile);
            if ((mode & ~SafeFile.Mode600) != 0)
            {
                throw new InvalidDataException($"{files.EnvFile} has mode {Convert.ToString((int)mode, 8)}; it must be 600");
            }

            var env = files.ReadEnv();
            var missing = CaddyFiles.EnvNames.Where(n => !env.TryGetValue(n, out var v) || v.Length == 0).ToArray();
            return missing.Length == 0 ? (true, files.EnvFile) : throw new InvalidDataException($"{files.EnvFile} lacks {string.Join(", ", missing)}");
        });
        checks.Run("sites", () => Directory.Exists(files.SitesDir)
            ? (true, $"{files.SitesDir} ({Directory.GetFiles(files.SitesDir, "*.caddy").Length} site file(s))")
            : throw new DirectoryNotFoundException($"{files.SitesDir} is missing"));
    }

    /// <summary>Prints one line per check and counts failures.</summary>
    private sealed class Checks(TextWriter stdout)
    {
        public int Failures { get; private set; }

        public T? Run<T>(string name, Func<(T Value, string Detail)> check)
            where T : class
        {
            try
            {
                var (value, detail) = check();
                stdout.WriteLine($"ok    {name,-11} {detail}");
                return value;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
            {
                Fail(name, ex.Message);
                return null;
            }
        }

        public void Run(string name, Func<(bool Ok, string Detail)> check) => Run<string>(name, () =>
        {
            var detail = check().Detail;
            return (detail, detail);
        });

        public async Task RunAsync(string name, AgentApi api, Func<Task<string>> check)
        {
            try
            {
                stdout.WriteLine($"ok    {name,-11} {await check()}");
            }
            catch (Exception ex) when (AgentApi.IsFailure(ex))
            {
                Fail(name, api.Describe(ex));
            }
            catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException)
            {
                Fail(name, ex.Message);
            }
        }

        public void Fail(string name, string reason)
        {
            Failures++;
            stdout.WriteLine($"FAIL  {name,-11} {reason}");
        }
    }
}
