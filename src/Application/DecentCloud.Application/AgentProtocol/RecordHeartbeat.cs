using DecentCloud.Application.Agents;
using DecentCloud.Application.Common;
using DecentCloud.Domain.Agents;
using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;
using Microsoft.Extensions.Options;

namespace DecentCloud.Application.AgentProtocol;

/// <summary>An agent's heartbeat (<c>POST /api/v1/providers/{pk}/heartbeat</c>); the reply names the next interval.</summary>
public sealed record RecordHeartbeat(
    AgentPrincipal Agent,
    string? ProviderInPath,
    string? Version,
    IReadOnlyList<string>? ProvisionerTypes,
    int ActiveContracts,
    string? Resources,
    string? Bandwidth) : ICommand<Result<HeartbeatReply>>, IRetryOnConflict;

/// <summary>When to beat next.</summary>
public sealed record HeartbeatReply(int NextHeartbeatSeconds);

/// <summary>Handles <see cref="RecordHeartbeat"/>.</summary>
internal sealed class RecordHeartbeatHandler(
    IAgentHeartbeatStore heartbeats,
    IUnitOfWork unitOfWork,
    IOptions<AgentProtocolOptions> options,
    TimeProvider time) : ICommandHandler<RecordHeartbeat, Result<HeartbeatReply>>
{
    /// <inheritdoc />
    public async ValueTask<Result<HeartbeatReply>> Handle(RecordHeartbeat command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var scope = AgentScope.CheckProvider(command.Agent, command.ProviderInPath);
        if (scope.IsFailed)
        {
            return scope;
        }

        if (string.IsNullOrWhiteSpace(command.Version) || command.ProvisionerTypes is null)
        {
            return Result.Fail<HeartbeatReply>(DomainError.Invalid("invalid_heartbeat", "a heartbeat needs version, provisionerTypes and a non-negative activeContracts."));
        }

        var known = await heartbeats.FindAsync(command.Agent.AgentKey, cancellationToken);
        var beat = known ?? new AgentHeartbeat(command.Agent.AgentKey, command.Agent.ProviderId, time.Now());

        // A refused beat changes nothing: a known row keeps its last good beat, a new one is never added.
        var taken = beat.Beat(time.Now(), command.Version, command.ProvisionerTypes, command.ActiveContracts, command.Resources, command.Bandwidth);
        if (taken.IsFailed)
        {
            return taken;
        }

        if (known is null)
        {
            heartbeats.Add(beat);
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return new HeartbeatReply((int)options.Value.HeartbeatInterval.TotalSeconds);
    }
}
