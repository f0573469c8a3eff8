using System.CommandLine;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Configuration;
using DecentCloud.Application.Agents;
using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Api.Admin;

/// <summary>
/// The operator verbs of the API program (<c>DecentCloud.Api admin …</c>). They use the same settings
/// and database as the server; results go to stdout, logs and errors to stderr.
/// </summary>
internal static partial class AdminCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("DecentCloud API operator commands.");
        var admin = new Command("admin", "Operator commands; they read the same environment as the server.");
        root.Subcommands.Add(admin);
        admin.Subcommands.Add(CreateSetupToken(stdout, stderr));
        admin.Subcommands.Add(ListGateways(stdout, stderr));
        admin.Subcommands.Add(RevokeGateway(stdout, stderr));
        admin.Subcommands.Add(RevokeAgent(stdout, stderr));
        admin.Subcommands.Add(CleanupLegacyCnames(stdout, stderr));
        admin.Subcommands.Add(CheckConfig(stdout, stderr));
        admin.Subcommands.Add(ContractCommand(stdout, stderr));
        admin.Subcommands.Add(ListAgents(stdout, stderr));
        admin.Subcommands.Add(LabelAgent(stdout, stderr));
        admin.Subcommands.Add(MigrateCommand.Create(stdout, stderr));
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static Command CreateSetupToken(TextWriter stdout, TextWriter stderr)
    {
        var pool = new Option<string>("--pool") { Description = "Pool name ([a-z0-9_-], created when missing).", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider id the pool acts for; a new pool without it belongs to a provider named like the pool." };
        var permissions = new Option<string?>("--permissions") { Description = "Comma list of provision,health_check,heartbeat,fetch_contracts,dns_manage (default: all)." };
        var hours = new Option<int?>("--lifetime-hours") { Description = "Hours until the token expires (default: DC_SETUP_TOKEN_LIFETIME_SECONDS, 24 h)." };
        var command = new Command("create-setup-token", "Creates a one-time agent setup token and prints it (only the token) on stdout.")
        {
            pool, provider, permissions, hours,
        };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var names = parse.GetValue(permissions)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var lifetime = parse.GetValue(hours) is { } h ? TimeSpan.FromHours(h) : (TimeSpan?)null;
            var result = await mediator.Send(new CreateSetupToken(parse.GetValue(pool)!, parse.GetValue(provider), names, lifetime), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync(result.Value.Token);
            await stderr.WriteLineAsync($"Setup token for pool '{result.Value.PoolName}' (provider {result.Value.ProviderId}), expires {result.Value.ExpiresAt:u}.");
            return 0;
        }, ct));
        return command;
    }

    private static Command ListGateways(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("list-gateways", "Lists every gateway's acme-dns credentials (never the secrets).");
        command.SetAction((_, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var result = await mediator.Send(new ListGatewayCredentials(null), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync("DC_ID\tPROVIDER\tUSERNAME\tSTATE\tUPDATED");
            foreach (var g in result.Value)
            {
                await stdout.WriteLineAsync($"{g.DcId}\t{g.ProviderId}\t{g.AcmeDnsUsername}\t{(g.RevokedAt is null ? "active" : "revoked")}\t{g.UpdatedAt:u}");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command RevokeGateway(TextWriter stdout, TextWriter stderr)
    {
        var dcId = new Option<string>("--dc-id") { Description = "The gateway whose credentials to revoke.", Required = true };
        var command = new Command("revoke-gateway", "Revokes a gateway's acme-dns credentials and withdraws its challenge values.") { dcId };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var result = await mediator.Send(new RevokeGatewayCredentials(null, parse.GetValue(dcId), "admin"), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync($"revoked {parse.GetValue(dcId)}");
            return 0;
        }, ct));
        return command;
    }

    private static Command RevokeAgent(TextWriter stdout, TextWriter stderr)
    {
        var key = new Option<string>("--agent-key") { Description = "The agent's public key (64 hex characters).", Required = true };
        var command = new Command("revoke-agent", "Revokes an agent key's delegation; its signed requests are refused from then on.") { key };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var result = await mediator.Send(new RevokeAgentDelegation(null, parse.GetValue(key), "admin"), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync($"revoked agent {parse.GetValue(key)!.ToLowerInvariant()}");
            return 0;
        }, ct));
        return command;
    }

    private static Command CleanupLegacyCnames(TextWriter stdout, TextWriter stderr)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list the legacy records; remove nothing." };
        var command = new Command(
            "cleanup-legacy-cnames",
            "Finds the _acme-challenge.*.{gw_prefix} CNAME records left by the old acme-dns server in the Cloudflare zone and removes them (unless --dry-run).")
        {
            dryRun,
        };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var dry = parse.GetValue(dryRun);
            var result = await mediator.Send(new RemoveLegacyChallengeCnames(dry), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            foreach (var record in result.Value)
            {
                await stdout.WriteLineAsync($"{(dry ? "would remove" : "removed")}\t{record.Name}\tCNAME\t{record.Content}");
            }

            await stderr.WriteLineAsync($"{result.Value.Count} legacy CNAME record(s) {(dry ? "found (dry run, nothing removed)" : "removed")}.");
            return 0;
        }, ct));
        return command;
    }

    private static Command CheckConfig(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("check-config", "Validates the settings and reports retired ones still present (exit 1 when any).");
        command.SetAction(async (_, _) =>
        {
            try
            {
                var settings = ApiSettings.FromConfiguration(ReadEnvironment());
                await stdout.WriteLineAsync($"dns: {settings.DescribeDns()}");
                await stdout.WriteLineAsync($"database: {settings.Persistence.DescribeDatabase()}");
                await stdout.WriteLineAsync($"zone: {settings.Gateway.GatewayPrefix}.{settings.Gateway.Domain}");
                await stdout.WriteLineAsync($"public url: {settings.Gateway.PublicUrl ?? "(unset: gateway registration answers 503)"}");
                if (settings.RetiredAcmeDnsServerUrlPresent)
                {
                    await stdout.WriteLineAsync($"retired: {ApiSettings.RetiredAcmeDnsServerUrl} is set but no longer used by the API; remove it.");
                    return 1;
                }

                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static async Task<int> WithPlatformAsync(TextWriter stderr, Func<IMediator, Task<int>> action, CancellationToken cancellationToken)
    {
        ApiSettings settings;
        try
        {
            settings = ApiSettings.FromConfiguration(ReadEnvironment());
        }
        catch (InvalidOperationException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddDecentCloudPlatform(settings, withEmbeddedDnsServer: false);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.InitializeDecentCloudDatabaseAsync(cancellationToken);
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IMediator>());
    }

    private static IConfiguration ReadEnvironment() => new ConfigurationBuilder().AddEnvironmentVariables().Build();

    private static int Fail(TextWriter stderr, IResultBase result)
    {
        var error = result.FirstDomainError();
        stderr.WriteLine($"error: {error.Message} ({error.Code})");
        return error.Kind == ErrorKind.Validation ? 2 : 1;
    }
}
