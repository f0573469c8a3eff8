using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Money.Releases;

/// <summary>
/// A payment made to a provider outside the platform (by hand in ICPay's dashboard, <see cref="ManualRail"/>) and
/// recorded with its payment reference; the releases it paid point at it. A reference is unique per rail, so the
/// same payment cannot be recorded twice.
/// </summary>
public sealed class Payout
{
    /// <summary>The rail of payments the operator made by hand.</summary>
    public const string ManualRail = "manual";

    /// <summary>The longest payment reference and wallet address.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The longest actor (an admin's key is 64 hex characters).</summary>
    public const int MaxActorLength = 128;

    private Payout()
    {
        ProviderId = null!;
        WalletAddress = null!;
        ExternalReference = null!;
        Rail = null!;
        Actor = null!;
    }

    /// <summary>The payout's id.</summary>
    public Guid Id { get; private set; }

    /// <summary>The provider paid.</summary>
    public ProviderId ProviderId { get; private set; }

    /// <summary>Where the money went (as the operator entered it).</summary>
    public string WalletAddress { get; private set; }

    /// <summary>The payment's reference in the outside system (e.g. ICPay's transaction id).</summary>
    public string ExternalReference { get; private set; }

    /// <summary>The rail the payment went through.</summary>
    public string Rail { get; private set; }

    /// <summary>Nano-USD paid.</summary>
    public long AmountNanoUsd { get; private set; }

    /// <summary>Who recorded it (the admin's key).</summary>
    public string Actor { get; private set; }

    /// <summary>When it was recorded.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// A manual payout; every problem is reported: the wallet address and the reference must be 1-200 printable
    /// characters, the amount positive, the actor named (at most <see cref="MaxActorLength"/> characters).
    /// </summary>
    public static Result<Payout> RecordManual(ProviderId providerId, string? walletAddress, string? externalReference, long amountNanoUsd, string? actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(providerId);
        var errors = new List<IError>();
        if (!IsPrintable(walletAddress))
        {
            errors.Add(DomainError.Invalid("invalid_wallet_address", $"walletAddress must be 1-{MaxTextLength} printable characters."));
        }

        if (!IsPrintable(externalReference))
        {
            errors.Add(DomainError.Invalid("invalid_external_reference", $"externalReference (the payment's reference) is required: 1-{MaxTextLength} printable characters."));
        }

        if (amountNanoUsd <= 0)
        {
            errors.Add(DomainError.Invalid("invalid_amount", "amountE9s must be positive."));
        }

        if (string.IsNullOrWhiteSpace(actor) || actor.Length > MaxActorLength)
        {
            errors.Add(DomainError.Invalid("invalid_actor", $"a payout needs the admin who records it (1-{MaxActorLength} characters)."));
        }

        if (errors.Count > 0)
        {
            return Result.Fail<Payout>(errors);
        }

        return new Payout
        {
            Id = Guid.NewGuid(),
            ProviderId = providerId,
            WalletAddress = walletAddress!,
            ExternalReference = externalReference!,
            Rail = ManualRail,
            AmountNanoUsd = amountNanoUsd,
            Actor = actor!,
            At = now,
        };
    }

    private static bool IsPrintable(string? text) =>
        text is { Length: > 0 and <= MaxTextLength } && !string.IsNullOrWhiteSpace(text) && text.All(c => !char.IsControl(c));
}
