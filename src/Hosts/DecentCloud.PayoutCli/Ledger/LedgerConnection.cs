using DecentCloud.Icp.Agent.Http;
using DecentCloud.Icp.Agent.Icrc1;
using DecentCloud.Icp.Agent.Identities;
using DecentCloud.Icp.Candid;
using DecentCloud.PayoutCli.Settings;

namespace DecentCloud.PayoutCli.Ledger;

/// <summary>
/// The HTTP agent to the IC (certificates verified against the mainnet key or the configured replica's) and an ICRC-1
/// client of one token's ledger, signing as the platform wallet (or anonymously, for reads).
/// </summary>
internal sealed class LedgerConnection : IDisposable
{
    private readonly HttpAgent _agent;

    /// <summary>Connects to <paramref name="ledger"/> as <paramref name="identity"/> (anonymous when null).</summary>
    public LedgerConnection(PayoutCliSettings settings, Principal ledger, IIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var (url, rootKey) = settings.RequireIc();
        var options = new HttpAgentOptions { Host = url, Identity = identity ?? AnonymousIdentity.Instance };
        if (rootKey is not null)
        {
            options = options with { RootKey = rootKey };
        }

        _agent = new HttpAgent(options);
        LedgerId = ledger;
        Client = new Icrc1Client(_agent, ledger);
    }

    /// <summary>The ledger canister.</summary>
    public Principal LedgerId { get; }

    /// <summary>The ICRC-1 client.</summary>
    public Icrc1Client Client { get; }

    /// <inheritdoc />
    public void Dispose() => _agent.Dispose();
}
