using DecentCloud.Application.Agents;
using DecentCloud.Hosting.Jobs;

namespace DecentCloud.Api.Jobs;

/// <summary>Forgets request nonces whose timestamps can no longer be replayed.</summary>
internal sealed class ForgetExpiredNoncesJob(INonceStore nonces, TimeProvider time) : IRecurringJob
{
    public static string Name => "forget-nonces";

    public Task RunAsync(CancellationToken cancellationToken) => nonces.ForgetExpiredAsync(time.GetUtcNow(), cancellationToken);
}
