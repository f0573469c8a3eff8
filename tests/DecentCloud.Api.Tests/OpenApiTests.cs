using System.Text.Json;

namespace DecentCloud.Api.Tests;

/// <summary>The OpenAPI document takes reply types from the endpoints' typed results.</summary>
public sealed class OpenApiTests : IClassFixture<OpenApiTests.Api>
{
    private readonly ApiFactory _factory;

    public OpenApiTests(Api api) => _factory = api.Factory;

    /// <summary>One API for every case of the class.</summary>
    public sealed class Api : IAsyncLifetime
    {
        public ApiFactory Factory { get; } = new();

        public ValueTask InitializeAsync() => ValueTask.CompletedTask;

        public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
    }

    [Theory]
    [InlineData("/api/v1/contracts/{id}", "get", "200", "ContractDetails")]
    [InlineData("/api/v1/contracts", "post", "201", "ContractDetails")]
    [InlineData("/api/v1/agents/gateway/register", "post", "200", "GatewayCredentials")]
    [InlineData("/api/v1/providers/{pk}/reconcile", "post", "200", "ReconcileReply")]
    [InlineData("/api/v1/providers/{pk}/contracts/{id}/lock", "post", "200", "LeaseReply")]
    [InlineData("/api/v1/agents/setup", "post", "200", "AgentSetupReply")]
    [InlineData("/api/v1/accounts", "post", "201", "AccountDetails")]
    [InlineData("/api/v1/acme-dns/update", "post", "200", "AcmeDnsUpdateReply")]
    [InlineData("/health", "get", "200", "ApiHealth")]
    public async Task The_document_names_the_reply_schema(string path, string method, string status, string schema)
    {
        using var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var reply = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal($"#/components/schemas/{schema}", reply.GetProperty("$ref").GetString());
        Assert.True(document.RootElement.GetProperty("components").GetProperty("schemas").TryGetProperty(schema, out _));
    }

    [Fact]
    public async Task A_list_reply_names_its_item_schema_and_signed_routes_list_their_refusals()
    {
        using var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var route = document.RootElement.GetProperty("paths").GetProperty("/api/v1/providers/{pk}/contracts/pending-provision").GetProperty("get").GetProperty("responses");
        var items = route.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("items");
        Assert.Equal("#/components/schemas/PendingContract", items.GetProperty("$ref").GetString());
        Assert.All(new[] { "401", "403", "429" }, s => Assert.True(route.TryGetProperty(s, out _), $"no {s}"));
    }

    [Fact]
    public async Task Every_reply_with_a_body_names_a_schema_of_the_client_records()
    {
        using var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken));
        var records = typeof(DecentCloud.Api.Client.IAgentApi).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet();
        var checkedReplies = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name != "/openapi/v1.json"))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var reply in operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')))
                {
                    if (!reply.Value.TryGetProperty("content", out var content))
                    {
                        continue;
                    }

                    var schema = content.GetProperty("application/json").GetProperty("schema");
                    var reference = (schema.TryGetProperty("items", out var items) ? items : schema).GetProperty("$ref").GetString()!;
                    Assert.Contains(reference["#/components/schemas/".Length..], records);
                    checkedReplies++;
                }
            }
        }

        Assert.True(checkedReplies >= 18, $"only {checkedReplies} replies with a body");
    }
}
