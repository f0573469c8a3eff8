using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.Vultr;

/// <summary>The part of the Vultr API v2 the provisioner uses.</summary>
internal interface IVultrApi
{
    /// <summary>Instances with a tag, one page (cursor paging).</summary>
    [Get("/instances")]
    Task<IApiResponse<VultrInstanceList>> ListInstancesAsync([Query] string tag, [Query][AliasAs("per_page")] int perPage, [Query] string? cursor, CancellationToken cancellationToken);

    /// <summary>One instance.</summary>
    [Get("/instances/{id}")]
    Task<IApiResponse<VultrInstanceEnvelope>> GetInstanceAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates an instance.</summary>
    [Post("/instances")]
    Task<IApiResponse<VultrInstanceEnvelope>> CreateInstanceAsync([Body] VultrCreateInstance body, CancellationToken cancellationToken);

    /// <summary>Deletes an instance (204).</summary>
    [Delete("/instances/{id}")]
    Task<IApiResponse<object>> DeleteInstanceAsync(string id, CancellationToken cancellationToken);

    /// <summary>Halts an instance (204).</summary>
    [Post("/instances/{id}/halt")]
    Task<IApiResponse<object>> HaltAsync(string id, CancellationToken cancellationToken);

    /// <summary>Starts an instance (204).</summary>
    [Post("/instances/{id}/start")]
    Task<IApiResponse<object>> StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>The account's SSH keys, one page.</summary>
    [Get("/ssh-keys")]
    Task<IApiResponse<VultrSshKeyList>> ListSshKeysAsync([Query][AliasAs("per_page")] int perPage, [Query] string? cursor, CancellationToken cancellationToken);

    /// <summary>Registers an SSH key.</summary>
    [Post("/ssh-keys")]
    Task<IApiResponse<VultrSshKeyEnvelope>> CreateSshKeyAsync([Body] VultrCreateSshKey body, CancellationToken cancellationToken);
}

/// <summary>An instance.</summary>
internal sealed record VultrInstance(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("power_status")] string? PowerStatus,
    [property: JsonPropertyName("main_ip")] string? MainIp,
    [property: JsonPropertyName("v6_main_ip")] string? V6MainIp,
    [property: JsonPropertyName("tags")] List<string>? Tags);

/// <summary><c>{"instance": …}</c>.</summary>
internal sealed record VultrInstanceEnvelope([property: JsonPropertyName("instance")] VultrInstance Instance);

/// <summary>A page of instances.</summary>
internal sealed record VultrInstanceList(
    [property: JsonPropertyName("instances")] List<VultrInstance> Instances,
    [property: JsonPropertyName("meta")] VultrMeta? Meta);

/// <summary>Paging metadata.</summary>
internal sealed record VultrMeta([property: JsonPropertyName("links")] VultrLinks? Links);

/// <summary>Cursor links; an empty <c>next</c> ends the list.</summary>
internal sealed record VultrLinks([property: JsonPropertyName("next")] string? Next);

/// <summary>The body of an instance to create.</summary>
internal sealed record VultrCreateInstance(
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("plan")] string Plan,
    [property: JsonPropertyName("os_id")] int OsId,
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("hostname")] string Hostname,
    [property: JsonPropertyName("sshkey_id")] List<string> SshKeyIds,
    [property: JsonPropertyName("tags")] List<string> Tags,
    [property: JsonPropertyName("user_data")] string UserData);

/// <summary>An SSH key.</summary>
internal sealed record VultrSshKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("ssh_key")] string? Key);

/// <summary>A page of SSH keys.</summary>
internal sealed record VultrSshKeyList(
    [property: JsonPropertyName("ssh_keys")] List<VultrSshKey> SshKeys,
    [property: JsonPropertyName("meta")] VultrMeta? Meta);

/// <summary><c>{"ssh_key": …}</c>.</summary>
internal sealed record VultrSshKeyEnvelope([property: JsonPropertyName("ssh_key")] VultrSshKey SshKey);

/// <summary>The body of an SSH key to register.</summary>
internal sealed record VultrCreateSshKey(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ssh_key")] string Key);

/// <summary>A failed request's body.</summary>
internal sealed record VultrError(
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("status")] int? Status);
