using System.CommandLine;
using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Configuration;
using DecentCloud.Domain.Common;
using DecentCloud.Hosting.Cli;
using FluentResults;
using Mediator;

namespace DecentCloud.Api.Admin;

/// <summary>What a verb needs for one invocation: its parsed arguments, its output, the platform's services.</summary>
/// <param name="Parse">The parsed command line.</param>
/// <param name="Output">Where results and errors go.</param>
/// <param name="Services">A DI scope over the same settings and database as the server.</param>
/// <param name="CancellationToken">Ctrl+C.</param>
internal sealed record AdminCall(ParseResult Parse, CliOutput Output, IServiceProvider Services, CancellationToken CancellationToken)
{
    /// <summary>The use cases.</summary>
    public IMediator Mediator => Services.GetRequiredService<IMediator>();

    /// <summary>Reports a failed result as one line; exit code 2 for invalid input, 1 otherwise.</summary>
    public int Fail(IResultBase result)
    {
        var error = result.FirstDomainError();
        return Output.Fail($"{error.Message} ({error.Code})", error.Kind == ErrorKind.Validation ? 2 : 1);
    }
}

/// <summary>Shared by the verb files: the CLI program, the settings and the platform's services.</summary>
internal sealed class AdminContext(CliApp app)
{
    /// <summary>The CLI program (its <c>--json</c> option, its console).</summary>
    public CliApp App => app;

    /// <summary>The configuration the server would read: appsettings.json (working directory) and the environment.</summary>
    public static IConfiguration ReadConfiguration()
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }

    /// <summary>Reads the settings the server would use (see <see cref="ReadConfiguration"/>), legacy variables applied.</summary>
    public static ApiSettings ReadSettings() => ApiSettings.FromConfiguration(ReadConfiguration());

    /// <summary>Makes <paramref name="action"/> the body of <paramref name="command"/>, run with the platform's services.</summary>
    public void SetAction(Command command, Func<AdminCall, Task<int>> action) =>
        app.SetAction(command, (parse, output, ct) =>
            WithPlatformAsync(output.Error, services => action(new AdminCall(parse, output, services, ct)), ct));

    /// <summary>
    /// Builds the platform's services (same settings and database as the server, no DNS server port) and runs
    /// <paramref name="action"/> in a scope. A settings error is one line on stderr and exit code 2.
    /// </summary>
    public static async Task<int> WithPlatformAsync(TextWriter stderr, Func<IServiceProvider, Task<int>> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(action);
        ApiSettings settings;
        try
        {
            settings = ReadSettings();
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
        return await action(scope.ServiceProvider);
    }
}
