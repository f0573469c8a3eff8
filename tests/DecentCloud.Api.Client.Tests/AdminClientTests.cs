using System.Net;
using System.Text;
using DecentCloud.Adapters.Crypto;
using DecentCloud.Domain.Agents;
using Microsoft.Extensions.DependencyInjection;

namespace DecentCloud.Api.Client.Tests;

/// <summary><see cref="IAdminApi"/>: registered with an admin key, every call signed like a device's, replies read strictly.</summary>
public sealed class AdminClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetBooksAsync_signs_with_the_admin_key_as_X_Public_Key_and_reads_the_verification()
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var wire = new RecordingHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(
                """{"balanced":false,"transactions":3,"postings":6,"accounts":4,"discrepancies":[{"problem":"negative_balance","subject":"wallet:1","detail":"-5"}]}""",
                Encoding.UTF8, "application/json"),
        });
        var services = new ServiceCollection();
        services.AddDecentCloudApiClient(o =>
        {
            o.BaseAddress = new Uri("https://api.example/");
            o.AdminSigner = new SeedSigner(seed);
            o.SerializerOptions = DecentCloudApiJson.Strict;
            o.ConfigureHttpClient = b => b.ConfigurePrimaryHttpMessageHandler(() => wire);
        });
        await using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<IAccountApi>());

        var books = await provider.GetRequiredService<IAdminApi>().GetBooksAsync(limit: 7, Ct);

        Assert.Equal((false, 3L, 6L, 4L), (books.Balanced, books.Transactions, books.Postings, books.Accounts));
        Assert.Equal(new BooksDiscrepancyDetails("negative_balance", "wallet:1", "-5"), Assert.Single(books.Discrepancies));
        var (request, body, headers) = Assert.Single(wire.Sent);
        Assert.Equal(("GET", "/api/v1/admin/books", "?limit=7"), (request.Method.Method, request.RequestUri!.AbsolutePath, request.RequestUri.Query));
        Assert.Equal((Convert.ToHexStringLower(Ed25519ph.PublicKeyFromSeed(seed)), "2"), (headers["X-Public-Key"], headers["X-Signature-Version"]));
        Assert.False(headers.ContainsKey("X-Agent-Pubkey"));
        var signed = SignedRequest.V2(headers["X-Timestamp"], headers["X-Nonce"], "GET", "api.example", "/api/v1/admin/books", "limit=7", body);
        Assert.True(Ed25519ph.Verify(Convert.FromHexString(headers["X-Public-Key"]), signed.SigningMessage(), Convert.FromHexString(headers["X-Signature"])));
    }
}
