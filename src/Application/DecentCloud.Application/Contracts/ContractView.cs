using DecentCloud.Application.Dns;
using DecentCloud.Application.Gateways;
using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>
/// A contract as its user sees it: state, machine, where to reach it, encrypted credentials, reset outcome, history, and for a
/// rental the USD price the platform computed and holds in escrow (<see cref="RentalPriceNanoUsd"/>, <c>null</c> for a legacy request).
/// </summary>
public sealed record ContractView(
    string ContractId,
    string State,
    string ProviderId,
    string Pool,
    string OfferingId,
    bool Paid,
    string? ExternalId,
    string? Instance,
    string? LoginUser,
    string? CredentialEnvelope,
    DateTimeOffset? CredentialExpiresAt,
    string PasswordReset,
    string? PasswordResetError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndsAt,
    IReadOnlyList<TransitionView> History,
    ContractAccessView? Access = null,
    long? RentalPriceNanoUsd = null)
{
    internal static async Task<ContractView> OfAsync(Contract contract, ContractViewSources sources, CancellationToken cancellationToken)
    {
        var credential = await sources.Credentials.FindAsync(contract.Id, cancellationToken);
        var access = await ContractAccessView.OfAsync(contract, sources, cancellationToken);
        return new ContractView(
            contract.Id.Hex, contract.State.ToWireName(), contract.Terms.ProviderId.Value, contract.Terms.PoolName, contract.Terms.OfferingId,
            contract.IsPaymentSettled, contract.ExternalId, contract.InstanceDetails, contract.LoginUser, credential?.Envelope, credential?.ExpiresAt,
            contract.PasswordReset.ToString().ToLowerInvariant(), contract.PasswordResetError, contract.CreatedAt, contract.EndsAt,
            contract.History.Select(h => new TransitionView(h.From.ToWireName(), h.To.ToWireName(), h.At, h.Actor, h.Reason)).ToList(),
            access,
            contract.RentalPriceNanoUsd);
    }
}

/// <summary>
/// Where the user reaches the machine: the HTTPS URL of its gateway name, the SSH host and port, and the login user.
/// Only a machine that exists has it (provisioned, active or paused).
/// </summary>
/// <param name="HttpsUrl"><c>https://{fqdn}</c> of the name the API holds for the contract, <c>null</c> without one.</param>
/// <param name="SshHost">
/// The name when SSH goes where it points (the instance's public address is the gateway's, whose forwarded port
/// <paramref name="SshPort"/> leads to the machine), else the instance's own public address: a cloud machine behind the
/// gateway for HTTPS keeps its own address for SSH, and its name would reach the gateway host's SSH instead.
/// </param>
/// <param name="SshPort">The instance's SSH port (22 when the agent gave none).</param>
/// <param name="LoginUser">The user to log in as.</param>
public sealed record ContractAccessView(string? HttpsUrl, string? SshHost, int SshPort, string? LoginUser)
{
    /// <summary>The SSH port when the instance names none.</summary>
    public const int DefaultSshPort = 22;

    internal static async Task<ContractAccessView?> OfAsync(Contract contract, ContractViewSources sources, CancellationToken cancellationToken)
    {
        if (contract.State is not (ContractState.Provisioned or ContractState.Active or ContractState.Paused))
        {
            return null;
        }

        // The URL comes from the API's own record of the name, never from what the agent said about it.
        var name = await sources.Names.FindByContractAsync(contract.Id, cancellationToken);
        var fqdn = name is null ? null : sources.Zones.Zone.VmName(name.Slug, name.DcId);
        var instance = InstanceAccessFields.Read(contract.InstanceDetails);
        return new ContractAccessView(
            fqdn is null ? null : "https://" + fqdn,
            name is not null && (instance.PublicIp is null || instance.PublicIp == name.Address) ? fqdn : instance.PublicIp ?? instance.Ipv4 ?? instance.Ipv6,
            instance.SshPort ?? DefaultSshPort,
            contract.LoginUser);
    }
}

/// <summary>What a <see cref="ContractView"/> is built from besides the contract.</summary>
internal sealed record ContractViewSources(ICredentialStore Credentials, IVmAddressRecordStore Names, GatewayZoneProvider Zones);

/// <summary>One recorded move.</summary>
public sealed record TransitionView(string From, string To, DateTimeOffset At, string Actor, string Reason);
