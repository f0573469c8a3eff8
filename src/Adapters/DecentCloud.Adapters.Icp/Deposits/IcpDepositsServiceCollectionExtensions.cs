using DecentCloud.Adapters.Icp;
using DecentCloud.Adapters.Icp.Deposits;
using DecentCloud.Application.Deposits;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ICRC-1 deposit adapter.</summary>
public static class IcpDepositsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IDepositLedgers"/> over <paramref name="network"/>, signing as the deposit identity of
    /// <paramref name="deposits"/> (which must have one: without it deposits stay off and this is not called).
    /// </summary>
    public static IServiceCollection AddDecentCloudIcpDeposits(this IServiceCollection services, IcNetworkOptions network, DepositIdentityOptions deposits)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(deposits);
        if (!deposits.HasIdentity)
        {
            throw new ArgumentException("a deposit identity is required to turn deposits on.", nameof(deposits));
        }

        services.AddSingleton<IDepositLedgers>(sp =>
        {
            var identity = Ed25519Identity.FromPem(deposits.ReadPem());
            var treasury = string.IsNullOrWhiteSpace(deposits.TreasuryAccount) ? new IcrcAccount(identity.Sender) : IcrcAccount.Parse(deposits.TreasuryAccount);
            return new IcrcDepositLedgers(network.CreateAgent(identity), identity.Sender, treasury, sp.GetService<TimeProvider>() ?? TimeProvider.System);
        });
        return services;
    }
}
