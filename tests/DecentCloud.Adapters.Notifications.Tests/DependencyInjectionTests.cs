using DecentCloud.Adapters.Notifications;
using DecentCloud.Application.Notifications;
using DecentCloud.Domain.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DecentCloud.Adapters.Notifications.Tests;

public class DependencyInjectionTests
{
    private static readonly Dictionary<string, string?> Email = new()
    {
        ["Notifications:Email:Host"] = "smtp.example.org",
        ["Notifications:Email:From"] = "alerts@example.org",
        ["Notifications:Email:Username"] = "alerts",
        ["Notifications:Email:Password"] = "smtp-pass",
    };

    private static readonly Dictionary<string, string?> Telegram = new()
    {
        ["Notifications:Telegram:BotToken"] = "7312345678:AAF-token",
    };

    private static readonly Dictionary<string, string?> Sms = new()
    {
        ["Notifications:Sms:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["Notifications:Sms:AuthToken"] = "tw-token",
        ["Notifications:Sms:From"] = "+15017122661",
    };

    private static ServiceProvider Build(params Dictionary<string, string?>[] sections)
    {
        var values = sections.SelectMany(s => s).ToDictionary(p => p.Key, p => p.Value);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddNotificationChannels(configuration);
        return services.BuildServiceProvider();
    }

    /// <summary>What the host does on start for options registered with ValidateOnStart.</summary>
    private static void Start(ServiceProvider provider) => provider.GetService<IStartupValidator>()?.Validate();

    private static NotificationChannel[] Channels(ServiceProvider provider) =>
        provider.GetServices<INotificationChannel>().Select(c => c.Channel).Order().ToArray();

    [Fact]
    public void Nothing_configured_registers_no_channel_and_starts()
    {
        using var provider = Build();
        Start(provider);
        Assert.Empty(Channels(provider));
    }

    [Fact]
    public void Each_configured_section_registers_its_channel()
    {
        using (var provider = Build(Email))
        {
            Start(provider);
            Assert.IsType<SmtpEmailChannel>(Assert.Single(provider.GetServices<INotificationChannel>()));
        }

        using (var provider = Build(Telegram))
        {
            Start(provider);
            Assert.IsType<TelegramChannel>(Assert.Single(provider.GetServices<INotificationChannel>()));
        }

        using (var provider = Build(Sms))
        {
            Start(provider);
            Assert.IsType<TwilioSmsChannel>(Assert.Single(provider.GetServices<INotificationChannel>()));
        }

        using (var provider = Build(Email, Telegram, Sms))
        {
            Start(provider);
            Assert.Equal([NotificationChannel.Email, NotificationChannel.Telegram, NotificationChannel.Sms], Channels(provider));
        }
    }

    [Fact]
    public void Defaults_apply_to_what_is_not_configured()
    {
        using var provider = Build(Email, Telegram, Sms);
        var email = provider.GetRequiredService<IOptions<SmtpEmailOptions>>().Value;
        Assert.Equal((587, SmtpSecurity.StartTls, TimeSpan.FromSeconds(30), (string?)null), (email.Port, email.Security, email.Timeout, email.ServerCertificateSha256));
        Assert.Equal(new Uri("https://api.telegram.org"), provider.GetRequiredService<IOptions<TelegramOptions>>().Value.ApiBaseUrl);
        Assert.Equal(new Uri("https://api.twilio.com"), provider.GetRequiredService<IOptions<TwilioSmsOptions>>().Value.BaseUrl);
    }

    public static TheoryData<string, string?, string> Broken => new()
    {
        { "Notifications:Email:Host", null, "Notifications:Email:Host is required" },
        { "Notifications:Email:From", null, "Notifications:Email:From is required" },
        { "Notifications:Email:From", "not-an-address", "Notifications:Email:From must be an email address" },
        { "Notifications:Email:Password", null, "Username and Notifications:Email:Password must be set together" },
        { "Notifications:Email:Port", "70000", "Notifications:Email:Port must be 1-65535" },
        { "Notifications:Email:ServerCertificateSha256", "abcd", "ServerCertificateSha256 must be a SHA-256 in hex" },
        { "Notifications:Telegram:ApiBaseUrl", "ftp://bots.example", "ApiBaseUrl must be an absolute http(s) URL" },
        { "Notifications:Telegram:Timeout", "00:00:00", "Notifications:Telegram:Timeout must be 1 s to 10 minutes" },
        { "Notifications:Sms:AuthToken", null, "Notifications:Sms:AuthToken is required" },
        { "Notifications:Sms:MessagingServiceSid", "MG0123", "exactly one of From (a sending number) or MessagingServiceSid" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_half_written_section_fails_at_start_naming_the_key(string key, string? value, string expected)
    {
        var sections = new[] { Email, Telegram, Sms }.Select(s => new Dictionary<string, string?>(s)).ToArray();
        var section = sections.Single(s => s.Keys.Any(k => k.StartsWith(key[..key.LastIndexOf(':')], StringComparison.Ordinal)));
        if (value is null)
        {
            section.Remove(key);
        }
        else
        {
            section[key] = value;
        }

        using var provider = Build(sections);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => Start(provider));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_without_its_key_setting_registers_no_channel_but_fails_at_start()
    {
        using var provider = Build(new Dictionary<string, string?> { ["Notifications:Email:From"] = "alerts@example.org" });
        Assert.Empty(Channels(provider));
        Assert.ThrowsAny<OptionsValidationException>(() => Start(provider));
    }

    [Fact]
    public async Task The_registered_telegram_channel_sends_through_the_factory_and_no_log_line_carries_the_token()
    {
        using var api = new HttpApiStandIn();
        api.Answer("/bot7312345678:AAF-token/sendMessage", 429, new { ok = false, error_code = 429, description = "Too Many Requests: retry after 2", parameters = new { retry_after = 2 } });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Telegram)
        {
            ["Notifications:Telegram:ApiBaseUrl"] = api.Url.ToString(),
        }).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddNotificationChannels(configuration);
        await using var provider = services.BuildServiceProvider();

        var outcome = await provider.GetRequiredService<INotificationChannel>()
            .SendAsync(new ChannelMessage("k", "42", "Subject", "Text", null), TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.FromSeconds(2), outcome.RetryAfter);
        Assert.Single(api.Requests);
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line => Assert.DoesNotContain("AAF-token", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_registered_sms_channel_sends_through_the_factory_and_no_log_line_carries_the_auth_token()
    {
        using var api = new HttpApiStandIn();
        api.Answer("/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json", 201, new { sid = "SM1", status = "queued" });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(Sms)
        {
            ["Notifications:Sms:BaseUrl"] = api.Url.ToString(),
        }).Build();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddNotificationChannels(configuration);
        await using var provider = services.BuildServiceProvider();

        var outcome = await provider.GetRequiredService<INotificationChannel>()
            .SendAsync(new ChannelMessage("k", "+15558675310", "Subject", "Text", null), TestContext.Current.CancellationToken);

        Assert.Equal(ChannelOutcome.Delivered("SM1"), outcome);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("AC0123456789abcdef0123456789abcdef:tw-token"));
        Assert.NotEmpty(logs.Lines);
        Assert.All(logs.Lines, line =>
        {
            Assert.DoesNotContain("tw-token", line, StringComparison.Ordinal);
            Assert.DoesNotContain(basic, line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Validation_failures_do_not_echo_secrets()
    {
        var email = new Dictionary<string, string?>(Email) { ["Notifications:Email:Username"] = null };
        email.Remove("Notifications:Email:Username");
        using var provider = Build(email);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => Start(provider));
        Assert.DoesNotContain("smtp-pass", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary>Keeps every formatted log line, to check what reaches a log.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
