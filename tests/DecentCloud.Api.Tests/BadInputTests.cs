using System.Net;
using System.Text;
using CsCheck;
using DecentCloud.Application.Dns;

namespace DecentCloud.Api.Tests;

public sealed class BadInputTests
{
    private static readonly HttpStatusCode[] Allowed =
    [
        HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.RequestEntityTooLarge,
        HttpStatusCode.UnsupportedMediaType, HttpStatusCode.TooManyRequests,
    ];

    private static readonly Gen<string> Fragments = Gen.OneOfConst(
        "{", "}", "[", "]", ",", ":", "\"subdomain\"", "\"txt\"", "\"dc-lk\"", "\"" + new string('a', 43) + "\"", "null", "true", "1e999",
        "\"\\u0000\"", "\"\\ud800\"", "\"extra\"", " ", "\n", "\"é\"", "-", "0", "{}", "\"\"");

    private static readonly Gen<string> Bodies = Gen.OneOf(
        Fragments.Array[0, 30].Select(parts => string.Concat(parts)),
        Gen.String[0, 200],
        Gen.Byte.Array[0, 300].Select(bytes => Encoding.Latin1.GetString(bytes)),
        Gen.String[0, 60].Select(s => $"{{\"subdomain\":\"dc-lk\",\"txt\":{System.Text.Json.JsonSerializer.Serialize(s)}}}"),
        Gen.Int[4000, 9000].Select(n => $"{{\"subdomain\":\"dc-lk\",\"txt\":\"{new string('a', n)}\"}}"),
        Gen.Select(Gen.OneOfConst("dc-lk", "dc-xx", "zz"), Gen.String[Gen.Char["a-zA-Z0-9_-"], 41, 45])
            .Select((sub, txt) => $"{{\"subdomain\":\"{sub}\",\"txt\":\"{txt}\"}}"));

    private static readonly Gen<string?> ContentTypes = Gen.OneOfConst<string?>(
        "application/json", "application/json; charset=utf-8", null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1");

    [Fact]
    public async Task Ten_thousand_random_bodies_get_only_client_errors_and_store_nothing()
    {
        // A limit above the case count, so every body reaches parsing, validation and authentication.
        await using var factory = new ApiFactory(new() { ["DC_AUTH_FAILURE_LIMIT"] = "100000" });
        var client = factory.CreateClient();
        var seen = new HashSet<HttpStatusCode>();
        var count = 0;
        Gen.Select(Bodies, ContentTypes, Gen.OneOfConst("", Guid.NewGuid().ToString(), "x")).Sample(
            c => PostAsync(c.Item1, c.Item2, c.Item3).GetAwaiter().GetResult(),
            iter: 10_000,
            threads: 1);

        async Task PostAsync(string body, string? contentType, string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/acme-dns/update")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
            };
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            request.Headers.Add("X-Api-User", user);
            request.Headers.Add("X-Api-Key", "not-the-key");
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(Allowed.Contains(response.StatusCode), $"{(int)response.StatusCode} for {contentType}: {body[..Math.Min(body.Length, 200)]}");
            seen.Add(response.StatusCode);
            count++;
        }

        // The generators reached the validation, auth, size, media-type and limiter paths.
        Assert.Superset(
            new HashSet<HttpStatusCode> { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.RequestEntityTooLarge },
            seen);
        Assert.True(count >= 10_000, $"only {count} cases ran");
        var lookup = await factory.SendQueryAsync(new LookupZoneName("_acme-challenge.dc-lk.gw.decent-cloud.org"));
        Assert.Equal(ZoneNameStatus.NotFound, lookup.Status);
    }
}
