using System.CommandLine;
using DecentCloud.Application.Agents;

namespace DecentCloud.Api.Admin;

/// <summary><c>admin list-agents</c> and <c>admin label-agent</c>: the provider's view of its agent delegations.</summary>
internal static partial class AdminCli
{
    private static Command ListAgents(TextWriter stdout, TextWriter stderr)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider's agents." };
        var command = new Command("list-agents", "Lists agent delegations (key, provider, label, permissions, state).") { provider };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var result = await mediator.Send(new ListAgentDelegations(parse.GetValue(provider)), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync("AGENT_KEY\tPROVIDER\tLABEL\tPERMISSIONS\tSTATE\tCREATED");
            foreach (var d in result.Value)
            {
                var state = d.RevokedAt is not null ? "revoked" : d.ExpiresAt is { } e && e <= DateTimeOffset.UtcNow ? "expired" : "active";
                await stdout.WriteLineAsync($"{d.AgentPubkey}\t{d.ProviderId}\t{d.Label ?? "-"}\t{string.Join(',', d.Permissions)}\t{state}\t{d.CreatedAt:u}");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command LabelAgent(TextWriter stdout, TextWriter stderr)
    {
        var key = new Option<string>("--agent-key") { Description = "The agent's public key (64 hex characters).", Required = true };
        var label = new Option<string>("--label") { Description = "The label (at most 64 characters); empty removes it.", Required = true };
        var command = new Command("label-agent", "Labels an agent delegation, e.g. with the host's name.") { key, label };
        command.SetAction((parse, ct) => WithPlatformAsync(stderr, async mediator =>
        {
            var result = await mediator.Send(new LabelAgentDelegation(parse.GetValue(key), parse.GetValue(label), "admin"), ct);
            if (result.IsFailed)
            {
                return Fail(stderr, result);
            }

            await stdout.WriteLineAsync($"labelled {parse.GetValue(key)}");
            return 0;
        }, ct));
        return command;
    }
}
