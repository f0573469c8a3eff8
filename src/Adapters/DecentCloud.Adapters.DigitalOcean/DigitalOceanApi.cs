using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.DigitalOcean;

/// <summary>The part of the DigitalOcean API v2 the provisioner uses.</summary>
internal interface IDigitalOceanApi
{
    /// <summary>Droplets with a tag, one page.</summary>
    [Get("/droplets")]
    Task<IApiResponse<DoDropletList>> ListDropletsAsync([Query][AliasAs("tag_name")] string tagName, [Query] int page, [Query][AliasAs("per_page")] int perPage, CancellationToken cancellationToken);

    /// <summary>One droplet.</summary>
    [Get("/droplets/{id}")]
    Task<IApiResponse<DoDropletEnvelope>> GetDropletAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates a droplet.</summary>
    [Post("/droplets")]
    Task<IApiResponse<DoCreateDropletResponse>> CreateDropletAsync([Body] DoCreateDroplet body, CancellationToken cancellationToken);

    /// <summary>Deletes a droplet (204).</summary>
    [Delete("/droplets/{id}")]
    Task<IApiResponse<object>> DeleteDropletAsync(long id, CancellationToken cancellationToken);

    /// <summary>Runs an action on a droplet (<c>shutdown</c>, <c>power_on</c>).</summary>
    [Post("/droplets/{id}/actions")]
    Task<IApiResponse<DoActionEnvelope>> DropletActionAsync(long id, [Body] DoDropletAction body, CancellationToken cancellationToken);

    /// <summary>One action.</summary>
    [Get("/actions/{id}")]
    Task<IApiResponse<DoActionEnvelope>> GetActionAsync(long id, CancellationToken cancellationToken);

    /// <summary>The account's SSH key with a fingerprint (404 when none).</summary>
    [Get("/account/keys/{fingerprint}")]
    Task<IApiResponse<DoSshKeyEnvelope>> GetSshKeyAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Registers an SSH key.</summary>
    [Post("/account/keys")]
    Task<IApiResponse<DoSshKeyEnvelope>> CreateSshKeyAsync([Body] DoCreateSshKey body, CancellationToken cancellationToken);
}

/// <summary>A droplet.</summary>
internal sealed record DoDroplet(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("networks")] DoNetworks? Networks,
    [property: JsonPropertyName("tags")] List<string>? Tags);

/// <summary>A droplet's networks.</summary>
internal sealed record DoNetworks(
    [property: JsonPropertyName("v4")] List<DoAddress>? V4,
    [property: JsonPropertyName("v6")] List<DoAddress>? V6);

/// <summary>One address of a droplet.</summary>
internal sealed record DoAddress(
    [property: JsonPropertyName("ip_address")] string IpAddress,
    [property: JsonPropertyName("type")] string Type);

/// <summary><c>{"droplet": …}</c>.</summary>
internal sealed record DoDropletEnvelope([property: JsonPropertyName("droplet")] DoDroplet Droplet);

/// <summary>A page of droplets.</summary>
internal sealed record DoDropletList(
    [property: JsonPropertyName("droplets")] List<DoDroplet> Droplets,
    [property: JsonPropertyName("links")] DoLinks? Links);

/// <summary>Paging links.</summary>
internal sealed record DoLinks(
    [property: JsonPropertyName("pages")] DoPages? Pages,
    [property: JsonPropertyName("actions")] List<DoActionLink>? Actions);

/// <summary>The next page, when there is one.</summary>
internal sealed record DoPages([property: JsonPropertyName("next")] string? Next);

/// <summary>An action started by a request.</summary>
internal sealed record DoActionLink(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("rel")] string? Rel);

/// <summary>The body of a droplet to create.</summary>
internal sealed record DoCreateDroplet(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("size")] string Size,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("ssh_keys")] List<long> SshKeys,
    [property: JsonPropertyName("tags")] List<string> Tags,
    [property: JsonPropertyName("user_data")] string UserData);

/// <summary>The answer to a droplet creation.</summary>
internal sealed record DoCreateDropletResponse(
    [property: JsonPropertyName("droplet")] DoDroplet Droplet,
    [property: JsonPropertyName("links")] DoLinks? Links);

/// <summary>The body of a droplet action.</summary>
internal sealed record DoDropletAction([property: JsonPropertyName("type")] string Type);

/// <summary>An action.</summary>
internal sealed record DoAction(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("type")] string? Type);

/// <summary><c>{"action": …}</c>.</summary>
internal sealed record DoActionEnvelope([property: JsonPropertyName("action")] DoAction Action);

/// <summary>An SSH key.</summary>
internal sealed record DoSshKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);

/// <summary><c>{"ssh_key": …}</c>.</summary>
internal sealed record DoSshKeyEnvelope([property: JsonPropertyName("ssh_key")] DoSshKey SshKey);

/// <summary>The body of an SSH key to register.</summary>
internal sealed record DoCreateSshKey(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("public_key")] string PublicKey);

/// <summary>A failed request's body.</summary>
internal sealed record DoError(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("message")] string? Message);
