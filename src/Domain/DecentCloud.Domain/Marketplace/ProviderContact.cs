using FluentResults;

namespace DecentCloud.Domain.Marketplace;

/// <summary>How the public reaches a provider: at least one of an email address, an https website or a Telegram handle.</summary>
public sealed record ProviderContact
{
    private ProviderContact(string? email, string? website, string? telegram)
    {
        Email = email;
        Website = website;
        Telegram = telegram;
    }

    /// <summary>A public email address, or <c>null</c>.</summary>
    public string? Email { get; }

    /// <summary>A public https website, or <c>null</c>.</summary>
    public string? Website { get; }

    /// <summary>A Telegram handle without the <c>@</c> (5-32 of <c>[A-Za-z0-9_]</c>), or <c>null</c>.</summary>
    public string? Telegram { get; }

    /// <summary>Validates the contact; blank parts count as absent; every bad part is reported.</summary>
    public static Result<ProviderContact> Create(string? email, string? website, string? telegram)
    {
        email = Blank(email);
        website = Blank(website);
        telegram = Blank(telegram)?.TrimStart('@');
        var errors = new List<IError>();
        errors.Check(email is not null || website is not null || telegram is not null, "invalid_contact",
            "email, website or telegram: at least one public contact is required.");
        errors.Check(email is null || IsEmail(email), "invalid_email", "email must be one address such as ops@example.com (at most 254 characters).");
        errors.Check(website is null || IsHttpsUrl(website), "invalid_website", "website must be an absolute https URL (at most 512 characters).");
        errors.Check(telegram is null || (telegram.Length is >= 5 and <= 32 && telegram.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')),
            "invalid_telegram", "telegram must be a handle of 5-32 letters, digits or underscores.");
        return errors.Count > 0 ? Result.Fail<ProviderContact>(errors) : new ProviderContact(email, website, telegram);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return text.Length <= 254 && at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1
            && !text.EndsWith('.') && !text.Any(char.IsWhiteSpace);
    }

    private static bool IsHttpsUrl(string text) =>
        text.Length <= 512 && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0;
}
