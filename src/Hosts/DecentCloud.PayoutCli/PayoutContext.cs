using System.CommandLine;
using DecentCloud.Api.Client;
using DecentCloud.Hosting.Cli;
using DecentCloud.PayoutCli.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.PayoutCli;

/// <summary>
/// Shared by the commands: the global options (the non-secret settings, which override the environment), the host,
/// and the admin client built for one invocation.
/// </summary>
internal sealed class PayoutContext(CliApp app, PayoutCliHost host)
{
    private readonly Option<string?> _apiUrl = new("--api-url") { Description = "The API's base URL (DC_PAYOUT_API_URL).", Recursive = true };
    private readonly Option<string?> _icUrl = new("--ic-url") { Description = "The IC boundary node or local replica (DC_PAYOUT_IC_URL).", Recursive = true };
    private readonly Option<string?> _icRootKey = new("--ic-root-key") { Description = "A local replica's root key, hex DER (DC_PAYOUT_IC_ROOT_KEY).", Recursive = true };
    private readonly Option<string?> _adminKeyFile = new("--admin-key-file") { Description = "File with the admin key's seed, hex (DC_PAYOUT_ADMIN_KEY_FILE).", Recursive = true };
    private readonly Option<string?> _walletPemFile = new("--wallet-pem-file") { Description = "The platform wallet's identity PEM (DC_PAYOUT_WALLET_PEM_FILE).", Recursive = true };

    /// <summary>The CLI program.</summary>
    public CliApp App => app;

    /// <summary>The host.</summary>
    public PayoutCliHost Host => host;

    /// <summary>Adds the global options to the root command.</summary>
    public void AddGlobalOptions()
    {
        foreach (var option in new[] { _apiUrl, _icUrl, _icRootKey, _adminKeyFile, _walletPemFile })
        {
            app.Root.Options.Add(option);
        }
    }

    /// <summary>The settings: the host's configuration with the options given on the command line on top.</summary>
    public PayoutCliSettings Settings(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Put(Option<string?> option, string member)
        {
            if (parse.GetValue(option) is { Length: > 0 } value)
            {
                overrides[$"{PayoutVariables.Section}:{member}"] = value;
            }
        }

        Put(_apiUrl, nameof(PayoutCliSettings.ApiUrl));
        Put(_icUrl, nameof(PayoutCliSettings.IcUrl));
        Put(_icRootKey, nameof(PayoutCliSettings.IcRootKey));
        Put(_adminKeyFile, nameof(PayoutCliSettings.AdminKeyFile));
        Put(_walletPemFile, nameof(PayoutCliSettings.WalletPemFile));
        var configuration = new ConfigurationBuilder().AddConfiguration(host.Configuration).AddInMemoryCollection(overrides).Build();
        return PayoutCliSettings.From(configuration);
    }

    /// <summary>
    /// Runs <paramref name="action"/> with the admin client (settings checked first: exit 2 when wrong). An unreachable
    /// API is reported as such; <paramref name="action"/> reports an unreachable ledger in its own words.
    /// </summary>
    public async Task<int> WithAdminAsync(PayoutCliSettings settings, Func<IAdminApi, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(action);
        if (host.AdminApi is { } custom)
        {
            return await action(custom(settings));
        }

        var baseAddress = settings.RequireApi();
        var key = settings.RequireAdminKey();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDecentCloudApiClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.AdminSigner = key.Signer;
        });
        await using var provider = services.BuildServiceProvider();
        try
        {
            return await action(provider.GetRequiredService<IAdminApi>());
        }
        catch (HttpRequestException ex) when (ex.StatusCode is null)
        {
            throw new HttpRequestException($"cannot reach the API at {baseAddress}: {ex.Message}", ex);
        }
    }
}
