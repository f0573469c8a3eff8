using System.CommandLine;
using DecentCloud.Agent.Common;
using DecentCloud.Agent.Gateway;
using DecentCloud.Api.Client;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Agent.Setup;

/// <summary>
/// <c>dc-agent setup token</c>: joins the pool with a one-time token, registers the gateway, writes
/// the Caddy files and the agent configuration, reloads Caddy. Writes nothing when any step fails.
/// </summary>
internal static class SetupTokenCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var token = new Option<string>("--token") { Description = "The one-time setup token from the operator.", Required = true };
        var apiUrl = new Option<string>("--api-url") { Description = "The DecentCloud API base URL.", Required = true };
        var dcId = new Option<string>("--gateway-dc-id") { Description = "This gateway's dc_id (2-20 chars [a-z0-9-]).", Required = true };
        var gwPrefix = new Option<string?>("--gateway-gw-prefix") { Description = "Expected gateway prefix; setup stops if the API uses another." };
        var domain = new Option<string?>("--gateway-domain") { Description = "Expected zone domain; setup stops if the API uses another." };
        var config = new Option<string>("--config") { Description = "Agent configuration file to write.", DefaultValueFactory = _ => AgentConfig.DefaultPath };
        var caddyDir = new Option<string>("--caddy-dir") { Description = "Folder of the Caddyfile, env file and sites.", DefaultValueFactory = _ => "/etc/caddy" };
        var noReload = new Option<bool>("--no-reload") { Description = "Do not reload Caddy after writing its files." };
        var caddyTls = new Option<string>("--caddy-tls") { Description = "How Caddy gets the wildcard: acmedns (Caddy with the acmedns module) or files (PEM files renewed by e.g. lego).", DefaultValueFactory = _ => "acmedns" };
        var certFile = new Option<string?>("--caddy-cert-file") { Description = "With --caddy-tls files: absolute path of the wildcard's certificate chain (PEM)." };
        var keyFile = new Option<string?>("--caddy-key-file") { Description = "With --caddy-tls files: absolute path of the wildcard's private key (PEM)." };
        var admin = new Option<string>("--caddy-admin") { Description = "Caddy's admin endpoint (host:port).", DefaultValueFactory = _ => CaddyOptions.DefaultAdmin };
        var httpsPort = new Option<int>("--caddy-https-port") { Description = "The port Caddy serves HTTPS on.", DefaultValueFactory = _ => 443 };
        var httpPort = new Option<int>("--caddy-http-port") { Description = "The port Caddy serves HTTP on.", DefaultValueFactory = _ => 80 };
        var storage = new Option<string>("--caddy-storage") { Description = "Caddy's storage folder.", DefaultValueFactory = _ => CaddyOptions.DefaultStorage };
        var publicIp = new Option<string?>("--gateway-public-ip") { Description = "This host's public IPv4 address: every VM name points at it (kept from the existing configuration when not given)." };
        var binary = new Option<string>("--caddy-binary") { Description = "The caddy program that reloads (a name on PATH or a path).", DefaultValueFactory = _ => CaddyOptions.DefaultBinary };
        var command = new Command("token", "Set up this host's agent and gateway with a one-time setup token.")
        {
            token, apiUrl, dcId, gwPrefix, domain, config, caddyDir, noReload, caddyTls, certFile, keyFile, admin, httpsPort, httpPort, storage, binary, publicIp,
        };
        command.SetAction(async (parse, ct) =>
        {
            var caddy = new CaddyOptions
            {
                // An unknown mode stays out of the enum's range, so validation names --caddy-tls.
                Tls = parse.GetValue(caddyTls) switch { "acmedns" => CaddyTlsMode.Acmedns, "files" => CaddyTlsMode.Files, _ => (CaddyTlsMode)(-1) },
                CertFile = parse.GetValue(certFile),
                KeyFile = parse.GetValue(keyFile),
                Admin = parse.GetValue(admin)!,
                HttpsPort = parse.GetValue(httpsPort),
                HttpPort = parse.GetValue(httpPort),
                Storage = parse.GetValue(storage)!,
                Binary = parse.GetValue(binary)!,
            };
            var request = new SetupRequest(
                parse.GetValue(token)!, parse.GetValue(apiUrl)!, parse.GetValue(dcId)!, parse.GetValue(gwPrefix), parse.GetValue(domain),
                parse.GetValue(config)!, parse.GetValue(caddyDir)!, !parse.GetValue(noReload), caddy, parse.GetValue(publicIp));
            try
            {
                await new GatewaySetup(stdout, TimeProvider.System).RunAsync(request, ct);
                return 0;
            }
            catch (Exception ex) when (ex is SetupRefusedException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 1;
            }
            catch (CaddyReloadFailedException ex)
            {
                await stderr.WriteLineAsync($"error: the files and the configuration are written, but Caddy did not take them: {ex.Message}. Start or fix Caddy, then run setup again or reload Caddy with the env file as its environment.");
                return 1;
            }
        });
        return command;
    }
}

/// <summary>The inputs of a setup.</summary>
internal sealed record SetupRequest(
    string Token, string ApiUrl, string DcId, string? ExpectedGwPrefix, string? ExpectedDomain, string ConfigPath, string CaddyDir, bool Reload,
    CaddyOptions Caddy, string? PublicIp = null);

/// <summary>Setup stopped before writing anything.</summary>
internal sealed class SetupRefusedException(string message) : Exception(message);

/// <summary>Setup wrote everything, but the requested Caddy reload failed; the message is the reason (no credential).</summary>
internal sealed class CaddyReloadFailedException(string message) : Exception(message);

/// <summary>The steps of a gateway setup.</summary>
internal sealed class GatewaySetup(TextWriter stdout, TimeProvider time)
{
    public async Task RunAsync(SetupRequest request, CancellationToken cancellationToken)
    {
        if (DcId.Create(request.DcId).IsFailed)
        {
            throw new SetupRefusedException($"--gateway-dc-id '{request.DcId}' is invalid: 2-20 characters [a-z0-9-], no edge hyphen, no '--'.");
        }

        // Checked before the key file is made, so a refused URL leaves nothing behind.
        if (SafeUrl.Problem(request.ApiUrl, "API URL") is { } problem)
        {
            throw new SetupRefusedException($"--api-url: {problem}.");
        }

        var files = new CaddyFiles(request.CaddyDir);
        if (files.FolderProblem() is { } folderProblem)
        {
            throw new SetupRefusedException(folderProblem);
        }

        if (request.Caddy.Problems() is [_, ..] caddyProblems)
        {
            throw new SetupRefusedException($"{string.Join(" ", caddyProblems)} Nothing was written.");
        }

        if (request.PublicIp is { } ip && !IsIpv4(ip))
        {
            throw new SetupRefusedException($"--gateway-public-ip '{Printable(ip)}' must be this host's public IPv4 address (dotted quad); nothing was written.");
        }

        // A second setup (a new token, rotated credentials) keeps what the provider configured since: the backend, the
        // loops' settings and how the gateway serves its VMs. An unreadable file is not overwritten: it may hold those.
        var previous = LoadPrevious(request.ConfigPath);
        var keyPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.ConfigPath))!, "agent.key");
        var (signer, created) = AgentKeyFile.LoadOrCreate(keyPath);
        using var client = new AgentApi(request.ApiUrl, signer, time);
        AgentSetupReply setup;
        GatewayCredentials credentials;
        try
        {
            // The request is signed by the agent key, so a token can never be spent on a key this host does not hold.
            var proof = await AgentSetupRequest.CreateAsync(signer, request.Token, time.GetUtcNow(), cancellationToken);
            setup = await client.Public.SetupAgentAsync(proof, cancellationToken)
                ?? throw new SetupRefusedException("the API's setup reply was empty.");

            // Checked before registering: registration rotates the credentials, which would cut off a working gateway.
            EnsureMatches("gateway prefix", request.ExpectedGwPrefix, setup.GwPrefix, "--gateway-gw-prefix");
            EnsureMatches("domain", request.ExpectedDomain, setup.Domain, "--gateway-domain");
            credentials = await client.Agent.RegisterGatewayAsync(new GatewayRegistration(request.DcId), cancellationToken)
                ?? throw new SetupRefusedException("the API's gateway registration reply was empty.");
        }
        catch (Exception ex) when (AgentApi.IsFailure(ex))
        {
            throw new SetupRefusedException(client.Describe(ex));
        }

        EnsureMatches("gateway prefix", request.ExpectedGwPrefix, credentials.GwPrefix, "--gateway-gw-prefix");
        EnsureMatches("domain", request.ExpectedDomain, credentials.Domain, "--gateway-domain");
        EnsureMatches("acme-dns subdomain", request.DcId, credentials.AcmeDnsSubdomain, "--gateway-dc-id");

        files.Write(credentials, request.Caddy);
        var config = new AgentConfig
        {
            ApiUrl = request.ApiUrl,
            AgentKeyPath = keyPath,
            ProviderId = setup.ProviderId,
            PoolName = setup.PoolName,
            Gateway = new GatewayConfig(request.DcId, credentials.GwPrefix, credentials.Domain, Path.GetFullPath(request.CaddyDir))
            {
                Caddy = request.Caddy,
                PublicIp = request.PublicIp ?? previous?.Gateway?.PublicIp,
                HttpPort = previous?.Gateway?.HttpPort ?? 80,
                SshForwarding = previous?.Gateway?.SshForwarding ?? new SshForwardingConfig(),
            },
            Run = previous?.Run,
            Provisioner = previous?.Provisioner,
        };
        SafeFile.WriteAtomically(request.ConfigPath, config.ToJson(), SafeFile.Mode640);
        var (reload, failure) = await ReloadAsync(request, files, cancellationToken);

        await stdout.WriteLineAsync("dc-agent setup complete");
        await stdout.WriteLineAsync($"  agent key     {signer.PublicKeyHex()} ({(created ? "created" : "reused")}, {keyPath})");
        await stdout.WriteLineAsync($"  provider      {setup.ProviderId}, pool {setup.PoolName}, permissions {string.Join(",", setup.Permissions)}");
        await stdout.WriteLineAsync($"  gateway       {credentials.Wildcard}");
        await stdout.WriteLineAsync($"  acme-dns      user {credentials.AcmeDnsUsername} at {credentials.AcmeDnsServerUrl} (password only in {files.EnvFile})");
        await stdout.WriteLineAsync($"  caddy files   {files.Caddyfile}, {files.EnvFile}, {files.SitesDir}/");
        await stdout.WriteLineAsync($"  config        {Path.GetFullPath(request.ConfigPath)}{(previous is null ? string.Empty : " (backend and run settings kept)")}");
        await stdout.WriteLineAsync($"  public ip     {config.Gateway.PublicIp ?? "not set: dc-agent run needs it to name the VMs (--gateway-public-ip, or gateway.publicIp)"}");
        await stdout.WriteLineAsync($"  caddy tls     {(request.Caddy.Tls == CaddyTlsMode.Files ? $"files {request.Caddy.CertFile}, {request.Caddy.KeyFile}" : "acmedns")}");
        await stdout.WriteLineAsync($"  caddy reload  {reload}");
        if (failure is not null)
        {
            throw new CaddyReloadFailedException(failure);
        }
    }

    private static AgentConfig? LoadPrevious(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return AgentConfig.Load(path);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidDataException or NotSupportedException)
        {
            throw new SetupRefusedException($"the existing configuration {path} cannot be read ({ex.Message}); fix or move it, then run setup again. Nothing was written.");
        }
    }

    private static bool IsIpv4(string text) =>
        System.Net.IPAddress.TryParse(text, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && ip.ToString() == text;

    private static string Printable(string text) => string.Concat(text.Take(64).Select(c => char.IsControl(c) ? '?' : c));

    private static async Task<(string Line, string? Failure)> ReloadAsync(SetupRequest request, CaddyFiles files, CancellationToken cancellationToken)
    {
        if (!request.Reload)
        {
            return ("skipped (--no-reload)", null);
        }

        // In files mode the certificate is obtained with the env file written just now, so on a first setup it cannot be there yet.
        if (request.Caddy.Tls == CaddyTlsMode.Files && (!File.Exists(request.Caddy.CertFile) || !File.Exists(request.Caddy.KeyFile)))
        {
            return ($"skipped: {request.Caddy.CertFile} or {request.Caddy.KeyFile} does not exist yet; obtain the wildcard with the env file's credentials, then reload Caddy", null);
        }

        var failure = await new CaddyReloader(files, request.Caddy).ReloadAsync(cancellationToken);
        return failure is null ? ("reloaded", null) : ("FAILED", failure);
    }

    private static void EnsureMatches(string what, string? expected, string actual, string option)
    {
        if (expected is not null && expected != actual)
        {
            throw new SetupRefusedException(
                $"the API uses {what} '{string.Concat(actual.Select(c => char.IsControl(c) ? '?' : c))}' but {option} says '{expected}'; nothing was written. Fix the API's or this host's configuration.");
        }
    }
}
