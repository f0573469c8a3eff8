using DecentCloud.Api.Client;
using DecentCloud.Hosting.Configuration;
using DecentCloud.PayoutCli.Sending;
using DecentCloud.PayoutCli.Settings;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.PayoutCli;

/// <summary>
/// What the commands run against: the configuration (the process's environment by default) and, for tests, a
/// replacement of the admin API client and a quicker <see cref="SendPolicy"/>.
/// </summary>
internal sealed record PayoutCliHost
{
    /// <summary>The configuration the settings bind from (variables translated onto <c>Payout:*</c> keys by <see cref="Read"/>).</summary>
    public required IConfiguration Configuration { get; init; }

    /// <summary>Builds the admin client; null: the DecentCloud.Api.Client package over HTTP, signed with the admin key.</summary>
    public Func<PayoutCliSettings, IAdminApi>? AdminApi { get; init; }

    /// <summary>The send loop's patience.</summary>
    public SendPolicy Policy { get; init; } = new();

    /// <summary>The process's environment variables, <c>Payout__Key</c> and the <c>DC_PAYOUT_*</c> names.</summary>
    public static PayoutCliHost FromEnvironment() => new() { Configuration = Read(new ConfigurationBuilder().AddEnvironmentVariables().Build()) };

    /// <summary><paramref name="source"/> with its <c>DC_PAYOUT_*</c> variables translated onto the <c>Payout:*</c> keys.</summary>
    public static IConfiguration Read(IConfiguration source) =>
        new ConfigurationBuilder().AddConfiguration(source).AddLegacyVariables(source, PayoutVariables.All).Build();
}
