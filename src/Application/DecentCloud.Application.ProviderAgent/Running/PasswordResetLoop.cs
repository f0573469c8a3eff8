using DecentCloud.Application.ProviderAgent.Passwords;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Application.ProviderAgent.Running;

/// <summary>Answers password resets every <see cref="ProviderAgentOptions.PasswordResetInterval"/>.</summary>
public sealed class PasswordResetLoop(PasswordResetWorker worker, ProviderAgentOptions options, TimeProvider time, ILogger<PasswordResetLoop> logger)
    : RecurringService("password reset", time, logger)
{
    /// <inheritdoc />
    protected override TimeSpan Interval => options.PasswordResetInterval;

    /// <inheritdoc />
    protected override Task RunOnceAsync(CancellationToken stoppingToken) => worker.RunAsync(stoppingToken);
}
