using DecentCloud.Domain.Contracts;

namespace DecentCloud.Application.Contracts;

/// <summary>A contract as its user sees it: state, machine, encrypted credentials, reset outcome, history.</summary>
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
    IReadOnlyList<TransitionView> History)
{
    internal static async Task<ContractView> OfAsync(Contract contract, ICredentialStore credentials, CancellationToken cancellationToken)
    {
        var credential = await credentials.FindAsync(contract.Id, cancellationToken);
        return new ContractView(
            contract.Id.Hex, contract.State.ToWireName(), contract.Terms.ProviderId.Value, contract.Terms.PoolName, contract.Terms.OfferingId,
            contract.IsPaymentSettled, contract.ExternalId, contract.InstanceDetails, contract.LoginUser, credential?.Envelope, credential?.ExpiresAt,
            contract.PasswordReset.ToString().ToLowerInvariant(), contract.PasswordResetError, contract.CreatedAt, contract.EndsAt,
            contract.History.Select(h => new TransitionView(h.From.ToWireName(), h.To.ToWireName(), h.At, h.Actor, h.Reason)).ToList());
    }
}

/// <summary>One recorded move.</summary>
public sealed record TransitionView(string From, string To, DateTimeOffset At, string Actor, string Reason);
