using DecentCloud.Adapters.Persistence;
using DecentCloud.Api.Admin;
using DecentCloud.Api.Configuration;
using DecentCloud.Api.Endpoints;
using DecentCloud.Api.Http;
using DecentCloud.Api.Jobs;
using DecentCloud.Hosting.Cli;
using DecentCloud.Hosting.Configuration;
using Microsoft.Extensions.Options;

if (args.Length > 0 && args[0] == "admin")
{
    return await AdminCli.RunAsync(args, CliConsole.System());
}

var builder = WebApplication.CreateBuilder(args);

// Request and SQL chatter stays out of the log unless asked for with Logging__LogLevel__... variables.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
if (builder.Configuration["DC_LOG_FORMAT"] == "json")
{
    builder.Logging.AddJsonConsole();
}
ApiSettings settings;
try
{
    // The legacy variables become section keys (Gateway:Domain, Jobs:DefaultInterval, ...) on top of
    // appsettings.json and Section__Key variables, so options bound from sections see them.
    builder.Configuration.AddLegacyVariables(builder.Configuration, ApiVariables.All);
    settings = ApiSettings.FromConfiguration(builder.Configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 2;
}

ListenUrls.Apply(builder, args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MinRequestBodyDataRate =
    new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(settings.RequestBody.MinBytesPerSecond, settings.RequestBody.GracePeriod));
builder.Services.AddDecentCloudPlatform(settings, withEmbeddedDnsServer: true);
builder.Services.AddAuthFailureLimiter(settings.AuthFailureLimits);
builder.Services.AddApiJobs(builder.Configuration);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClientFaultHandler>();
builder.Services.AddOpenApi();

var app = builder.Build();
var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DecentCloud.Api");
if (settings.RetiredAcmeDnsServerUrlPresent)
{
    log.LogWarning("{Setting} is set but retired: the API is its own acme-dns server now; remove the setting.", ApiSettings.RetiredAcmeDnsServerUrl);
}

if (settings.Gateway.PublicUrl is null)
{
    log.LogWarning("API_PUBLIC_URL is unset: gateway registration answers 503 until it is set.");
}

await app.Services.InitializeDecentCloudDatabaseAsync();
var dns = settings.DescribeDns();
var database = settings.Persistence.DescribeDatabase();
var zone = $"{settings.Gateway.GatewayPrefix}.{settings.Gateway.Domain}";
log.LogInformation("DNS: {Dns}; database: {Database}; zone {Zone}", dns, database, zone);

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapGet("/health", () => TypedResults.Ok(new DecentCloud.Api.Client.ApiHealth("ok"))).WithTags("health");
app.MapAcmeDns();
app.MapAgentSetup();
app.MapGateway();
app.MapAgentProtocol();
app.MapAccounts();
app.MapContracts();
app.MapMarketplace();
app.MapWebhooks();
app.MapWallet();
app.MapNotifications();
app.MapRentals();
app.MapProviderSelfService();
app.MapAdmin();
app.MapPrices();
app.MapDeposits();
app.MapQuality();
app.MapTrust();
app.MapSignals();
try
{
    await app.RunAsync();
}
catch (OptionsValidationException ex)
{
    // ValidateOnStart: a section value the eager binding did not see (e.g. only the host validates job names).
    await Console.Error.WriteLineAsync($"error: {string.Join(" ", ex.Failures)}");
    return 2;
}

return 0;

/// <summary>The API program; public for the in-process test host.</summary>
public partial class Program;
