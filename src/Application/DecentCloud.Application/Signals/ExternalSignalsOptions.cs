using System.ComponentModel.DataAnnotations;
using DecentCloud.Domain.Agents;

namespace DecentCloud.Application.Signals;

/// <summary>One public listing imported for one provider (an item of <c>ExternalSignals:Sources</c>).</summary>
public sealed class ExternalSignalSourceOptions
{
    /// <summary>The source's name in the stored signals and the logs, 1-64 of <c>[a-z0-9-]</c>.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The listing's format: <c>uptime-kuma</c> (a public status page) or <c>yabs-listing</c> (YABS JSON results).</summary>
    public string Format { get; set; } = string.Empty;

    /// <summary>
    /// Where it is read: for <c>uptime-kuma</c> the status page's base URL and slug (<c>https://status.example.com/status/acme</c>
    /// or <c>https://status.example.com</c> with <see cref="Slug"/>); for <c>yabs-listing</c> the URL of the JSON document.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>The status page's slug (<c>uptime-kuma</c> only).</summary>
    public string? Slug { get; set; }

    /// <summary>The provider the listing is about (the matching is configuration: listings do not name our providers).</summary>
    public string ProviderId { get; set; } = string.Empty;

    /// <summary>The plan a <c>yabs-listing</c>'s results are about (default: the provider).</summary>
    public string? Subject { get; set; }
}

/// <summary>Importing public benchmark and uptime listings (section <c>ExternalSignals</c>).</summary>
public sealed class ExternalSignalsOptions : IValidatableObject
{
    /// <summary>The formats an importer exists for.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["uptime-kuma", "yabs-listing"];

    /// <summary>The listings imported; none by default (the <c>import-signals</c> job then does nothing).</summary>
    public IList<ExternalSignalSourceOptions> Sources { get; } = [];

    /// <summary>How often each source is read (<c>DC_SIGNAL_IMPORT_INTERVAL_SECONDS</c>, default 6 hours); the job only checks which are due.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "{0} must be 1 minute to 30 days (hh:mm:ss).")]
    public TimeSpan ImportInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long one listing may take to answer (<c>DC_SIGNAL_IMPORT_TIMEOUT_SECONDS</c>, default 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "{0} must be 1 second to 10 minutes (hh:mm:ss).")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest listing read, in bytes (<c>DC_SIGNAL_IMPORT_MAX_BYTES</c>, default 4 MiB); a larger one is a failed import.</summary>
    [Range(1024, 64 * 1024 * 1024, ErrorMessage = "{0} must be 1 KiB to 64 MiB.")]
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Sources.Count; i++)
        {
            var s = Sources[i];
            var where = $"ExternalSignals:Sources:{i}";
            if (s.Name is not { Length: > 0 and <= 64 } || !s.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                yield return new ValidationResult($"{where}:Name must be 1-64 of [a-z0-9-].");
            }
            else if (!names.Add(s.Name))
            {
                yield return new ValidationResult($"{where}:Name {s.Name} is used twice.");
            }

            if (!Formats.Contains(s.Format, StringComparer.Ordinal))
            {
                yield return new ValidationResult($"{where}:Format must be one of {string.Join(", ", Formats)}.");
            }

            if (s.Url is not { IsAbsoluteUri: true } url || url.Scheme is not ("http" or "https"))
            {
                yield return new ValidationResult($"{where}:Url must be an absolute http(s) URL.");
            }

            if (Domain.Agents.ProviderId.Create(s.ProviderId).IsFailed)
            {
                yield return new ValidationResult($"{where}:ProviderId is not a provider id.");
            }
        }
    }
}
