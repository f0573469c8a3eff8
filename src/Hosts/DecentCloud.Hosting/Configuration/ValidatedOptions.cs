using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DecentCloud.Hosting.Configuration;

/// <summary>Options bound from one configuration section and validated (DataAnnotations plus validators).</summary>
public static class ValidatedOptions
{
    /// <summary>
    /// Binds <paramref name="section"/> onto a new <typeparamref name="T"/> now and validates it, for settings the
    /// composition itself depends on (which DNS provider, which database). Throws
    /// <see cref="InvalidSettingsException"/> naming the key (and its legacy variable from <paramref name="names"/>).
    /// </summary>
    public static T BindValidated<T>(this IConfiguration configuration, string section, IEnumerable<LegacyVariable> names, params IValidateOptions<T>[] validators)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(validators);
        var value = new T();
        try
        {
            configuration.GetSection(section).Bind(value);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidSettingsException(BinderMessage(ex, names), ex);
        }

        var failures = DataAnnotationFailures(value, section, names)
            .Concat(validators.SelectMany(v => v.Validate(Options.DefaultName, value) is { Failed: true } r ? r.Failures : []))
            .ToList();
        return failures.Count == 0 ? value : throw new InvalidSettingsException(string.Join(" ", failures));
    }

    /// <summary>
    /// Registers <typeparamref name="T"/> bound from <paramref name="section"/>, validated with its DataAnnotations
    /// (and any <see cref="IValidateOptions{TOptions}"/> registered) when the host starts (<c>ValidateOnStart</c>).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
    }

    private static IEnumerable<string> DataAnnotationFailures(object value, string section, IEnumerable<LegacyVariable> names)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
        return results.Select(r =>
        {
            var key = $"{section}:{r.MemberNames.FirstOrDefault() ?? "?"}";
            return $"{LegacyVariables.Describe(key, names)}: {r.ErrorMessage}";
        });
    }

    // The binder names the key as 'Section:Member'; the operator knows the legacy variable better.
    private static string BinderMessage(InvalidOperationException ex, IEnumerable<LegacyVariable> names)
    {
        var message = ex.Message;
        var start = message.IndexOf(" at '", StringComparison.Ordinal);
        if (start < 0)
        {
            return message;
        }

        var end = message.IndexOf('\'', start + 5);
        if (end < 0)
        {
            return message;
        }

        var key = message[(start + 5)..end];
        return $"{LegacyVariables.Describe(key, names)} has a value that cannot be read: {message}";
    }
}
