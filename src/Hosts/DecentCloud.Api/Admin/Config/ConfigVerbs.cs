using System.CommandLine;
using DecentCloud.Api.Configuration;

namespace DecentCloud.Api.Admin.Config;

/// <summary>Settings: <c>check-config</c>.</summary>
internal static class ConfigVerbs
{
    public static IEnumerable<Command> Create(AdminContext context) => [CheckConfig(context)];

    private static Command CheckConfig(AdminContext context)
    {
        var command = new Command("check-config", "Validates the settings and reports retired ones still present (exit 1 when any).");
        context.App.SetAction(command, async (_, output, _) =>
        {
            ApiSettings settings;
            try
            {
                settings = AdminContext.ReadSettings();
            }
            catch (InvalidOperationException ex)
            {
                return output.Fail(ex.Message, 2);
            }

            var retired = settings.RetiredAcmeDnsServerUrlPresent
                ? $"retired: {ApiSettings.RetiredAcmeDnsServerUrl} is set but no longer used by the API; remove it."
                : null;
            var lines = new List<string>
            {
                $"dns: {settings.DescribeDns()}",
                $"database: {settings.Persistence.DescribeDatabase()}",
                $"zone: {settings.Gateway.GatewayPrefix}.{settings.Gateway.Domain}",
                $"public url: {settings.Gateway.PublicUrl ?? "(unset: gateway registration answers 503)"}",
            };
            if (retired is not null)
            {
                lines.Add(retired);
            }

            var report = new
            {
                dns = settings.DescribeDns(),
                database = settings.Persistence.DescribeDatabase(),
                zone = $"{settings.Gateway.GatewayPrefix}.{settings.Gateway.Domain}",
                publicUrl = settings.Gateway.PublicUrl,
                retired = retired is null ? Array.Empty<string>() : [ApiSettings.RetiredAcmeDnsServerUrl],
            };
            await output.WriteResultAsync(report, string.Join('\n', lines));
            return retired is null ? 0 : 1;
        });
        return command;
    }
}
