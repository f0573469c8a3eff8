using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.Common;

/// <summary>The scheduled job applying <see cref="AuditOptions"/> to the audit trail.</summary>
public sealed record PruneAuditTrail : ICommand<int>;

/// <summary>Handles <see cref="PruneAuditTrail"/>; returns how many entries were deleted.</summary>
internal sealed class PruneAuditTrailHandler(IAuditLog audit, IOptions<AuditOptions> options, TimeProvider time) : ICommandHandler<PruneAuditTrail, int>
{
    /// <inheritdoc />
    public async ValueTask<int> Handle(PruneAuditTrail command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        return await audit.PruneAsync(time.GetUtcNow() - settings.Retention, settings.MaxRefusals, cancellationToken);
    }
}
