using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.Cloudflare;

/// <summary>The part of the Cloudflare API v4 the adapter uses (DNS records of one zone).</summary>
internal interface ICloudflareApi
{
    /// <summary>Lists the records of a type and, optionally, a name.</summary>
    [Get("/zones/{zoneId}/dns_records")]
    Task<IApiResponse<CloudflareEnvelope<List<CloudflareDnsRecord>>>> ListRecordsAsync(
        string zoneId,
        [Query] string type,
        [Query] string? name,
        [Query] int page,
        [Query][AliasAs("per_page")] int perPage,
        CancellationToken cancellationToken);

    /// <summary>Creates a record.</summary>
    [Post("/zones/{zoneId}/dns_records")]
    Task<IApiResponse<CloudflareEnvelope<CloudflareDnsRecord>>> CreateRecordAsync(
        string zoneId, [Body] CloudflareNewRecord record, CancellationToken cancellationToken);

    /// <summary>Deletes a record.</summary>
    [Delete("/zones/{zoneId}/dns_records/{recordId}")]
    Task<IApiResponse<CloudflareEnvelope<CloudflareDeleted>>> DeleteRecordAsync(
        string zoneId, string recordId, CancellationToken cancellationToken);
}

/// <summary>The envelope of every Cloudflare answer.</summary>
internal sealed record CloudflareEnvelope<T>(
    [property: JsonPropertyName("success")] bool Success,
    [property: JsonPropertyName("errors")] List<CloudflareMessage>? Errors,
    [property: JsonPropertyName("result")] T? Result,
    [property: JsonPropertyName("result_info")] CloudflareResultInfo? ResultInfo);

/// <summary>An error or message entry.</summary>
internal sealed record CloudflareMessage(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>Paging information of a list.</summary>
internal sealed record CloudflareResultInfo(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("total_pages")] int TotalPages,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("total_count")] int TotalCount);

/// <summary>A DNS record as Cloudflare returns it.</summary>
internal sealed record CloudflareDnsRecord(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("ttl")] int Ttl,
    [property: JsonPropertyName("proxied")] bool? Proxied);

/// <summary>The body of a record to create.</summary>
internal sealed record CloudflareNewRecord(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("ttl")] int Ttl,
    [property: JsonPropertyName("proxied")] bool Proxied);

/// <summary>The result of a delete.</summary>
internal sealed record CloudflareDeleted([property: JsonPropertyName("id")] string Id);
