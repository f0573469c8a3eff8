using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DecentCloud.Api.Tests;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_password_key_token_or_txt_value_reaches_any_log_line()
    {
        var logs = new CapturedLogs();
        await using var factory = new ApiFactory();
        var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(logs).AddFilter<CapturedLogs>(null, LogLevel.Trace))))
            .CreateClient();
        var signer = await factory.JoinAsync(client, "pool-a");
        var register = await client.SendAsync(ApiFactory.Signed(signer, HttpMethod.Post, "/api/v1/agents/gateway/register", "{\"dcId\":\"dc-lk\"}"), TestContext.Current.CancellationToken);
        using var creds = JsonDocument.Parse(await register.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var password = creds.RootElement.GetProperty("acmeDnsPassword").GetString()!;
        var value = "SECRETvalue" + new string('x', 32);
        foreach (var key in new[] { password, "wrong-" + password })
        {
            var update = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update") { Content = ApiFactory.Json($"{{\"subdomain\":\"dc-lk\",\"txt\":\"{value}\"}}") };
            update.Headers.Add("X-Api-User", creds.RootElement.GetProperty("acmeDnsUsername").GetString());
            update.Headers.Add("X-Api-Key", key);
            await client.SendAsync(update, TestContext.Current.CancellationToken);
        }

        Assert.NotEmpty(logs.Lines);
        var all = string.Join("\n", logs.Lines);
        Assert.Contains("acme-dns", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(password, all);
        Assert.DoesNotContain(value, all);
        Assert.DoesNotContain("dcst_", all);
    }
}

public sealed class StartupWarningTests
{
    [Fact]
    public async Task The_retired_acme_dns_server_setting_earns_a_warning_at_start()
    {
        var logs = new CapturedLogs();
        await using var factory = new ApiFactory(new() { ["ACME_DNS_SERVER_URL"] = "https://auth.acme-dns.io" });
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddLogging(l => l.AddProvider(logs))))
            .CreateClient();
        Assert.Equal("{\"status\":\"ok\"}", await client.GetStringAsync("/health", TestContext.Current.CancellationToken));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("ACME_DNS_SERVER_URL is set but retired", StringComparison.Ordinal));
    }
}
