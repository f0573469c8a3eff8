using System.CommandLine;
using System.Globalization;
using DecentCloud.Application.Gateways;
using DecentCloud.Hosting.Cli;

namespace DecentCloud.Api.Admin.Gateways;

/// <summary>Gateway acme-dns credentials: <c>list-gateways</c>, <c>revoke-gateway</c>.</summary>
internal static class GatewayVerbs
{
    private static readonly CliColumn<GatewayRow>[] Columns =
    [
        new("DC_ID", r => r.DcId),
        new("PROVIDER", r => r.ProviderId),
        new("USERNAME", r => r.Username.ToString()),
        new("STATE", r => r.State),
        new("UPDATED", r => r.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)),
    ];

    public static IEnumerable<Command> Create(AdminContext context) => [ListGateways(context), RevokeGateway(context)];

    private static Command ListGateways(AdminContext context)
    {
        var command = new Command("list-gateways", "Lists every gateway's acme-dns credentials (never the secrets).");
        context.SetAction(command, async call =>
        {
            var result = await call.Mediator.Send(new ListGatewayCredentials(null), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            var rows = result.Value
                .Select(g => new GatewayRow(g.DcId, g.ProviderId, g.AcmeDnsUsername, g.FullDomain, g.RevokedAt is null ? "active" : "revoked", g.CreatedAt, g.UpdatedAt, g.RevokedAt))
                .ToList();
            await call.Output.WriteListAsync(rows, Columns);
            return 0;
        });
        return command;
    }

    private static Command RevokeGateway(AdminContext context)
    {
        var dcId = new Option<string>("--dc-id") { Description = "The gateway whose credentials to revoke.", Required = true };
        var command = new Command("revoke-gateway", "Revokes a gateway's acme-dns credentials and withdraws its challenge values.") { dcId };
        context.SetAction(command, async call =>
        {
            var result = await call.Mediator.Send(new RevokeGatewayCredentials(null, call.Parse.GetValue(dcId), "admin"), call.CancellationToken);
            if (result.IsFailed)
            {
                return call.Fail(result);
            }

            await call.Output.WriteResultAsync(new { dcId = call.Parse.GetValue(dcId), state = "revoked" }, $"revoked {call.Parse.GetValue(dcId)}");
            return 0;
        });
        return command;
    }

    /// <summary>One gateway as <c>list-gateways</c> shows it (and <c>--json</c> prints it); no secret.</summary>
    internal sealed record GatewayRow(
        string DcId,
        string ProviderId,
        Guid Username,
        string FullDomain,
        string State,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? RevokedAt);
}
