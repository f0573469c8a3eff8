using System.CommandLine;
using System.Reflection;
using DecentCloud.Adapters.Ssh;
using DecentCloud.Agent.Common;
using DecentCloud.Application.ProviderAgent.Health;
using DecentCloud.Application.ProviderAgent.Protocol;
using DecentCloud.Application.ProviderAgent.Provisioning;
using DecentCloud.Application.ProviderAgent.Running;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Agent.Run;

/// <summary>
/// <c>dc-agent run</c>: the agent's loops as hosted services on the Generic Host, until SIGTERM or Ctrl+C. The
/// host's console lifetime handles the signal and waits for the loops to stop, so provisionings in flight get
/// <c>run.shutdownTimeoutSeconds</c> to finish (Program.cs turns System.CommandLine's own 2 s limit off).
/// </summary>
internal static partial class RunCommand
{
    // After the provisionings' own timeout, the time the host allows for cancelling them and for the other loops to stop.
    private static readonly TimeSpan UnwindAllowance = TimeSpan.FromSeconds(10);

    public static Command Create(TextWriter stderr)
    {
        var config = new Option<string>("--config") { Description = "Agent configuration file.", DefaultValueFactory = _ => AgentConfig.DefaultPath };
        var logFormat = new Option<string>("--log-format") { Description = "text or json.", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("run", "Provision paid contracts, report health and heartbeats, reconcile running instances.") { config, logFormat };
        command.SetAction(async (parse, ct) =>
        {
            IHost host;
            try
            {
                host = Build(AgentConfig.Load(parse.GetValue(config)!), parse.GetValue(logFormat) == "json");
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            using (host)
            {
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DecentCloud.Agent");
                await host.StartAsync(ct);
                var options = host.Services.GetRequiredService<ProviderAgentOptions>();
                LogRunning(logger, host.Services.GetRequiredService<IProvisioner>().Type, options.MaxConcurrent);
                if (options.Gateway is { } gateway)
                {
                    LogServing(logger, gateway.GatewayName, gateway.PublicIpv4, gateway.ForwardSsh ? $"{gateway.SshPortFirst}-{gateway.SshPortLast}" : "off");
                }

                await host.WaitForShutdownAsync(CancellationToken.None);
                LogStopped(logger);
                return 0;
            }
        });
        return command;
    }

    private static IHost Build(AgentConfig config, bool jsonLogs)
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

        var signer = AgentKeyFile.Load(config.AgentKeyPath);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var services = builder.Services;
        services.Configure<HostOptions>(o =>
        {
            o.ShutdownTimeout = TimeSpan.FromSeconds(run.ShutdownTimeoutSeconds) + UnwindAllowance;
            o.ServicesStopConcurrently = true;
        });
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
            logging.AddFilter("Polly", LogLevel.Warning);
            logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
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
        services.AddSingleton(sp => new AgentApi(config.ApiUrl, signer, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IProviderApi>(sp => new ProtocolClient(sp.GetRequiredService<AgentApi>(), providerId));
        services.AddSingleton<IEnvelopeStore>(new FileEnvelopeStore(run.StateDir));
        services.AddSingleton<ICredentialSealer, CryptoCredentialSealer>();
        services.AddSingleton<IReachability, TcpReachability>();
        var options = run.ToOptions(File.ReadAllText(publicKeyPath).Trim(), Version());
        options.Gateway = GatewayServices.Register(services, config, provisionerConfig.Type);
        services.AddDecentCloudProviderAgent(options);
        return builder.Build();
    }

    private static string Version() =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    [LoggerMessage(Level = LogLevel.Information, Message = "dc-agent running with the {Backend} provisioner, up to {MaxConcurrent} provisionings at once")]
    private static partial void LogRunning(ILogger logger, string backend, int maxConcurrent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving VMs as *.{Gateway} at {PublicIp} (SSH ports: {SshPorts})")]
    private static partial void LogServing(ILogger logger, string gateway, string publicIp, string sshPorts);

    [LoggerMessage(Level = LogLevel.Information, Message = "dc-agent stopped")]
    private static partial void LogStopped(ILogger logger);
}
