namespace DecentCloud.Api.Configuration;

/// <summary>
/// Where the API listens. Precedence, first given wins: <c>--urls</c> on the command line, <c>DC_LISTEN_URLS</c>,
/// ASP.NET Core's own settings (<c>ASPNETCORE_URLS</c>, <c>DOTNET_URLS</c>, <c>urls</c> in appsettings.json,
/// <c>ASPNETCORE_HTTP_PORTS</c>/<c>HTTPS_PORTS</c>), then <see cref="Default"/>. This follows .NET's own layering
/// (command line over environment over files), with the product's variable as the more specific one of the
/// environment.
/// </summary>
public static class ListenUrls
{
    /// <summary>The embedded default: loopback only.</summary>
    public const string Default = "http://127.0.0.1:8080";

    /// <summary>
    /// The URLs the program must set itself (<c>UseUrls</c>), or <c>null</c> when ASP.NET Core's own setting already
    /// is the one that applies.
    /// </summary>
    /// <param name="commandLineUrls"><c>--urls</c> from the command line.</param>
    /// <param name="productUrls"><c>DC_LISTEN_URLS</c>.</param>
    /// <param name="standardUrls">The host's <c>urls</c> setting (any source).</param>
    /// <param name="httpPorts">The host's <c>http_ports</c> setting.</param>
    /// <param name="httpsPorts">The host's <c>https_ports</c> setting.</param>
    public static string? Override(string? commandLineUrls, string? productUrls, string? standardUrls, string? httpPorts, string? httpsPorts)
    {
        if (Given(commandLineUrls))
        {
            return null;
        }

        if (Given(productUrls))
        {
            return productUrls!.Trim();
        }

        return Given(standardUrls) || Given(httpPorts) || Given(httpsPorts) ? null : Default;
    }

    /// <summary>Applies the precedence to <paramref name="builder"/>; returns the URLs set, or <c>null</c> when ASP.NET Core's applied.</summary>
    public static string? Apply(WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var commandLine = new ConfigurationBuilder().AddCommandLine(args).Build();
        var config = builder.Configuration;
        var urls = Override(commandLine["urls"], config["DC_LISTEN_URLS"], config["urls"], config["http_ports"], config["https_ports"]);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return urls;
    }

    private static bool Given(string? value) => !string.IsNullOrWhiteSpace(value);
}
