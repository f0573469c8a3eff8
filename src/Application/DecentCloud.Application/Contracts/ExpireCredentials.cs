using Mediator;

namespace DecentCloud.Application.Contracts;

/// <summary>The scheduled job deleting credentials past their lifetime (default 7 days after provisioning or a reset).</summary>
public sealed record ExpireCredentials : ICommand<int>;

/// <summary>Handles <see cref="ExpireCredentials"/>; returns how many were deleted.</summary>
internal sealed class ExpireCredentialsHandler(ICredentialStore credentials, TimeProvider time) : ICommandHandler<ExpireCredentials, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(ExpireCredentials command, CancellationToken cancellationToken) =>
        await credentials.DeleteExpiredAsync(time.GetUtcNow(), cancellationToken);
}
