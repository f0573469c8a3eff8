using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using DecentCloud.Adapters.Ssh;
using DecentCloud.Agent.Common;
using DecentCloud.Application.Provisioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Agent.Run;

/// <summary><c>dc-agent run</c>: the provisioning loop, until SIGTERM or Ctrl+C.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "Agent configuration file.", DefaultValueFactory = _ => AgentConfig.DefaultPath };
        var logFormat = new Option<string>("--log-format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("run", "Provision paid contracts, report health and heartbeats, reconcile running instances.") { config, logFormat };
        command.SetAction(async (parse, ct) =>
        {
            ServiceProvider services;
            try
            {
                services = Build(AgentConfig.Load(parse.GetValue(config)!), parse.GetValue(logFormat) == "json");
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            await using (services)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
                {
                    context.Cancel = true;
                    stop.Cancel();
                });
                await services.GetRequiredService<AgentRunner>().RunAsync(stop.Token);
                return 0;
            }
        });
        return command;
    }

    private static ServiceProvider Build(AgentConfig config, bool jsonLogs)
    {
        var run = config.Run ?? new RunConfig();
        run.Validate();
        var provisionerConfig = config.Provisioner ?? throw new InvalidDataException("the configuration has no provisioner section; see the README's dc-agent quick start.");
        if (config.ProviderId is not { Length: > 0 } providerId)
        {
            throw new InvalidDataException("the configuration has no providerId; run dc-agent setup token first.");
        }

        var publicKeyPath = run.SshKeyPath + ".pub";
        if (!File.Exists(run.SshKeyPath) || !File.Exists(publicKeyPath))
        {
            throw new InvalidDataException($"the agent's SSH key {run.SshKeyPath} (and .pub) is missing; create it with: ssh-keygen -t ed25519 -N '' -f {run.SshKeyPath}");
        }

        var sshPublicKey = File.ReadAllText(publicKeyPath).Trim();
        var signer = AgentKeyFile.Load(config.AgentKeyPath);
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            logging.AddFilter("Polly", LogLevel.Warning);
            if (jsonLogs)
            {
                logging.AddJsonConsole();
            }
            else
            {
                logging.AddSimpleConsole(o => o.SingleLine = true);
            }
        });
        services.AddSingleton(TimeProvider.System);
        provisionerConfig.Register(services);
        services.AddDecentCloudSsh(new SshOptions { PrivateKeyPath = run.SshKeyPath });
        services.AddSingleton(run);
        services.AddSingleton(_ => ApiClient.CreateHttp(config.ApiUrl));
        services.AddSingleton(sp => new ApiClient(sp.GetRequiredService<HttpClient>(), TimeProvider.System));
        services.AddSingleton(sp => new ProtocolClient(sp.GetRequiredService<ApiClient>(), signer, providerId));
        services.AddSingleton(new EnvelopeJournal(run.StateDir));
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ContractProvisioner>(sp, sshPublicKey));
        services.AddSingleton<Reconciler>();
        services.AddSingleton<HealthProbe>();
        services.AddSingleton<PasswordResetWorker>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<AgentRunner>(sp, Version()));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static string Version() =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
