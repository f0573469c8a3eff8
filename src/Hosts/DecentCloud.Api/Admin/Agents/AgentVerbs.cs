using System.CommandLine;
using DecentCloud.Application.Agents;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.Api.Admin.Agents;

/// <summary>Setup tokens and agent delegations: <c>create-setup-token</c>, <c>list-agents</c>, <c>label-agent</c>, <c>revoke-agent</c>.</summary>
internal static class AgentVerbs
{
    private static readonly CliColumn<AgentRow>[] Columns =
    [
        new("AGENT_KEY", r => r.AgentKey),
        new("PROVIDER", r => r.ProviderId),
        new("LABEL", r => r.Label ?? "-"),
        new("PERMISSIONS", r => string.Join(',', r.Permissions)),
        new("STATE", r => r.State),
        new("CREATED", r => r.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<Command> Create(AdminContext context) =>
        [CreateSetupToken(context), ListAgents(context), LabelAgent(context), RevokeAgent(context)];

    private static Command CreateSetupToken(AdminContext context)
    {
        var pool = new Option<string>("--pool") { Description = "Pool name ([a-z0-9_-], created when missing).", Required = true };
        var provider = new Option<string?>("--provider") { Description = "Provider id the pool acts for; a new pool without it belongs to a provider named like the pool." };
        var permissions = new Option<string?>("--permissions") { Description = "Comma list of provision,health_check,heartbeat,fetch_contracts,dns_manage (default: all)." };
        var hours = new Option<int?>("--lifetime-hours") { Description = "Hours until the token expires (default: DC_SETUP_TOKEN_LIFETIME_SECONDS, 24 h)." };
        var command = new Command("create-setup-token", "Creates a one-time agent setup token and prints it (only the token) on stdout.")
        {
            pool, provider, permissions, hours,
        };
        context.SetAction(command, async call =>
        {
            var names = call.Parse.GetValue(permissions)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var lifetime = call.Parse.GetValue(hours) is { } h ? TimeSpan.FromHours(h) : (TimeSpan?)null;
            var result = await call.Mediator.Send(new CreateSetupToken(call.Parse.GetValue(pool)!, call.Parse.GetValue(provider), names, lifetime), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var token = result.Value;
            await call.Output.WriteResultAsync(new { token.Token, token.PoolName, token.ProviderId, token.ExpiresAt }, token.Token);
            await call.Output.Error.WriteLineAsync($"Setup token for pool '{token.PoolName}' (provider {token.ProviderId}), expires {token.ExpiresAt:u}.");
            return 0;
        });
        return command;
    }

    private static Command ListAgents(AdminContext context)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider's agents." };
        var command = new Command("list-agents", "Lists agent delegations (key, provider, label, permissions, state).") { provider };
        context.SetAction(command, async call =>
        {
            var result = await call.Mediator.Send(new ListAgentDelegations(call.Parse.GetValue(provider)), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var now = call.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var rows = result.Value.Select(d => new AgentRow(
                d.AgentPubkey,
                d.ProviderId,
                d.Label,
                d.Permissions,
                d.RevokedAt is not null ? "revoked" : d.ExpiresAt is { } e && e <= now ? "expired" : "active",
                d.CreatedAt,
                d.ExpiresAt,
                d.RevokedAt)).ToList();
            await call.Output.WriteListAsync(rows, Columns);
            return 0;
        });
        return command;
    }

    private static Command LabelAgent(AdminContext context)
    {
        var key = new Option<string>("--agent-key") { Description = "The agent's public key (64 hex characters).", Required = true };
        var label = new Option<string>("--label") { Description = "The label (at most 64 characters); empty removes it.", Required = true };
        var command = new Command("label-agent", "Labels an agent delegation, e.g. with the host's name.") { key, label };
        context.SetAction(command, async call =>
        {
            var result = await call.Mediator.Send(new LabelAgentDelegation(call.Parse.GetValue(key), call.Parse.GetValue(label), "admin"), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            await call.Output.WriteResultAsync(new { agentKey = call.Parse.GetValue(key), label = call.Parse.GetValue(label) }, $"labelled {call.Parse.GetValue(key)}");
            return 0;
        });
        return command;
    }

    private static Command RevokeAgent(AdminContext context)
    {
        var key = new Option<string>("--agent-key") { Description = "The agent's public key (64 hex characters).", Required = true };
        var command = new Command("revoke-agent", "Revokes an agent key's delegation; its signed requests are refused from then on.") { key };
        context.SetAction(command, async call =>
        {
            var result = await call.Mediator.Send(new RevokeAgentDelegation(null, call.Parse.GetValue(key), "admin"), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var agent = call.Parse.GetValue(key)!.ToLowerInvariant();
            await call.Output.WriteResultAsync(new { agentKey = agent, state = "revoked" }, $"revoked agent {agent}");
            return 0;
        });
        return command;
    }

    /// <summary>One delegation as <c>list-agents</c> shows it (and <c>--json</c> prints it).</summary>
    internal sealed record AgentRow(
        string AgentKey,
        string ProviderId,
        string? Label,
        IReadOnlyList<string> Permissions,
        string State,
        DateTimeOffset CreatedAt,
        DateTimeOffset? ExpiresAt,
        DateTimeOffset? RevokedAt);
}
