using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>
/// What an account shows the marketplace as a provider. The provider is the account itself: its
/// <see cref="ProviderId"/> is the account id's text (<see cref="ProviderIdOf"/>), so pools created for that id
/// are the account's pools.
/// </summary>
public sealed class ProviderProfile : AggregateRoot
{
    /// <summary>Longest name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 2000;

    private ProviderProfile(Guid accountId, DateTimeOffset now)
    {
        AccountId = accountId;
        Name = string.Empty;
        Description = string.Empty;
        Country = string.Empty;
        CreatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The account that is the provider.</summary>
    public Guid AccountId { get; private set; }

    /// <summary>The public name (1-64 characters).</summary>
    public string Name { get; private set; }

    /// <summary>A public description (at most 2000 characters, may be empty).</summary>
    public string Description { get; private set; }

    /// <summary>Where the provider is established: ISO 3166-1 alpha-2, upper case.</summary>
    public string Country { get; private set; }

    /// <summary>Public contact email, or <c>null</c>.</summary>
    public string? ContactEmail { get; private set; }

    /// <summary>Public https website, or <c>null</c>.</summary>
    public string? ContactWebsite { get; private set; }

    /// <summary>Public Telegram handle, or <c>null</c>.</summary>
    public string? ContactTelegram { get; private set; }

    /// <summary>Whether rentals are accepted without the provider answering each one.</summary>
    public bool AutoAccept { get; private set; }

    /// <summary>The ICRC-1 account text payouts go to, or <c>null</c> while none is set.</summary>
    public string? PayoutAccount { get; private set; }

    /// <summary>The symbol of the payout token, or <c>null</c> while no payout address is set.</summary>
    public string? PayoutToken { get; private set; }

    /// <summary>When the profile was first saved.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the profile last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The provider id of this profile's account.</summary>
    public ProviderId ProviderId => ProviderIdOf(AccountId);

    /// <summary>The provider id an account acts as: its account id, lower-case with dashes.</summary>
    public static ProviderId ProviderIdOf(Guid accountId) => Agents.ProviderId.Create(accountId.ToString("D")).Value;

    /// <summary>Creates a profile; every bad field is reported, none half-applied.</summary>
    public static Result<ProviderProfile> Create(Guid accountId, ProviderProfileFields fields, DateTimeOffset now)
    {
        var profile = new ProviderProfile(accountId, now);
        var set = profile.Apply(fields, now);
        if (accountId == Guid.Empty)
        {
            return Result.Fail<ProviderProfile>(set.Errors.Prepend(DomainError.Invalid("invalid_account", "account is required.")));
        }

        return set.IsFailed ? set.ToResult<ProviderProfile>() : profile;
    }

    /// <summary>Replaces every field; on any bad field nothing changes.</summary>
    public Result Update(ProviderProfileFields fields, DateTimeOffset now) => Apply(fields, now);

    private Result Apply(ProviderProfileFields fields, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var errors = new List<IError>();
        var name = fields.Name?.Trim();
        errors.Check(name is { Length: > 0 and <= MaxNameLength } && !name.Any(char.IsControl), "invalid_name",
            $"name must be 1-{MaxNameLength} characters without control characters.");
        errors.Check(fields.Description is null || fields.Description.Length <= MaxDescriptionLength, "invalid_description",
            $"description must be at most {MaxDescriptionLength} characters.");
        errors.Check(FieldChecks.IsCountryCode(fields.Country), "invalid_country", "country must be an ISO 3166-1 alpha-2 code such as DE.");
        var contact = ProviderContact.Create(fields.Email, fields.Website, fields.Telegram);
        errors.AddRange(contact.Errors);
        PayoutAddress? payout = null;
        if (fields.PayoutAccount is not null || fields.PayoutToken is not null)
        {
            var address = PayoutAddress.Create(fields.PayoutAccount, fields.PayoutToken);
            errors.AddRange(address.Errors);
            payout = address.ValueOrDefault;
        }

        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }

        Name = name!;
        Description = fields.Description ?? string.Empty;
        Country = fields.Country!;
        ContactEmail = contact.Value.Email;
        ContactWebsite = contact.Value.Website;
        ContactTelegram = contact.Value.Telegram;
        AutoAccept = fields.AutoAccept;
        PayoutAccount = payout?.Account;
        PayoutToken = payout?.Token.Symbol;
        UpdatedAt = now;
        return Result.Ok();
    }

#pragma warning disable CS8618 // for the persistence mapper
    private ProviderProfile()
    {
    }
#pragma warning restore CS8618
}

/// <summary>
/// The fields a provider sets on its profile, as sent. The payout account and token come together or not at all.
/// </summary>
/// <param name="Name">Public name, 1-64 characters.</param>
/// <param name="Description">Public description, at most 2000 characters.</param>
/// <param name="Country">ISO 3166-1 alpha-2 code.</param>
/// <param name="Email">Public email, or <c>null</c>.</param>
/// <param name="Website">Public https website, or <c>null</c>.</param>
/// <param name="Telegram">Telegram handle, or <c>null</c>.</param>
/// <param name="AutoAccept">Whether rentals are accepted automatically.</param>
/// <param name="PayoutAccount">ICRC-1 account text, or <c>null</c>.</param>
/// <param name="PayoutToken">DC, ICP, ckUSDC or ckUSDT, or <c>null</c>.</param>
public sealed record ProviderProfileFields(
    string? Name, string? Description, string? Country, string? Email, string? Website, string? Telegram,
    bool AutoAccept, string? PayoutAccount, string? PayoutToken);
