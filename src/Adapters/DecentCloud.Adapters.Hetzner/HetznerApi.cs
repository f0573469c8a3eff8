using System.Text.Json.Serialization;
using Refit;

namespace DecentCloud.Adapters.Hetzner;

/// <summary>The part of the Hetzner Cloud API v1 the provisioner uses.</summary>
internal interface IHetznerApi
{
    /// <summary>Servers matching a label selector, one page.</summary>
    [Get("/servers")]
    Task<IApiResponse<HetznerServerList>> ListServersAsync([Query][AliasAs("label_selector")] string labelSelector, [Query] int page, [Query][AliasAs("per_page")] int perPage, CancellationToken cancellationToken);

    /// <summary>One server.</summary>
    [Get("/servers/{id}")]
    Task<IApiResponse<HetznerServerEnvelope>> GetServerAsync(long id, CancellationToken cancellationToken);

    /// <summary>Creates a server.</summary>
    [Post("/servers")]
    Task<IApiResponse<HetznerCreateServerResponse>> CreateServerAsync([Body] HetznerCreateServer body, CancellationToken cancellationToken);

    /// <summary>Deletes a server.</summary>
    [Delete("/servers/{id}")]
    Task<IApiResponse<HetznerActionEnvelope>> DeleteServerAsync(long id, CancellationToken cancellationToken);

    /// <summary>Starts a server.</summary>
    [Post("/servers/{id}/actions/poweron")]
    Task<IApiResponse<HetznerActionEnvelope>> PowerOnAsync(long id, CancellationToken cancellationToken);

    /// <summary>Shuts a server down gracefully.</summary>
    [Post("/servers/{id}/actions/shutdown")]
    Task<IApiResponse<HetznerActionEnvelope>> ShutdownAsync(long id, CancellationToken cancellationToken);

    /// <summary>One action.</summary>
    [Get("/actions/{id}")]
    Task<IApiResponse<HetznerActionEnvelope>> GetActionAsync(long id, CancellationToken cancellationToken);

    /// <summary>SSH keys with a fingerprint.</summary>
    [Get("/ssh_keys")]
    Task<IApiResponse<HetznerSshKeyList>> ListSshKeysAsync([Query] string fingerprint, CancellationToken cancellationToken);

    /// <summary>Registers an SSH key.</summary>
    [Post("/ssh_keys")]
    Task<IApiResponse<HetznerSshKeyEnvelope>> CreateSshKeyAsync([Body] HetznerCreateSshKey body, CancellationToken cancellationToken);
}

/// <summary>A server.</summary>
internal sealed record HetznerServer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("public_net")] HetznerPublicNet? PublicNet,
    [property: JsonPropertyName("labels")] Dictionary<string, string>? Labels);

/// <summary>The public addresses of a server.</summary>
internal sealed record HetznerPublicNet(
    [property: JsonPropertyName("ipv4")] HetznerIp? Ipv4,
    [property: JsonPropertyName("ipv6")] HetznerIp? Ipv6);

/// <summary>An address.</summary>
internal sealed record HetznerIp([property: JsonPropertyName("ip")] string? Ip);

/// <summary><c>{"server": …}</c>.</summary>
internal sealed record HetznerServerEnvelope([property: JsonPropertyName("server")] HetznerServer Server);

/// <summary>A page of servers.</summary>
internal sealed record HetznerServerList(
    [property: JsonPropertyName("servers")] List<HetznerServer> Servers,
    [property: JsonPropertyName("meta")] HetznerMeta? Meta);

/// <summary>Paging metadata.</summary>
internal sealed record HetznerMeta([property: JsonPropertyName("pagination")] HetznerPagination? Pagination);

/// <summary>Where a page stands.</summary>
internal sealed record HetznerPagination(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("per_page")] int PerPage,
    [property: JsonPropertyName("next_page")] int? NextPage,
    [property: JsonPropertyName("last_page")] int? LastPage,
    [property: JsonPropertyName("total_entries")] int? TotalEntries);

/// <summary>The body of a server to create.</summary>
internal sealed record HetznerCreateServer(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("server_type")] string ServerType,
    [property: JsonPropertyName("image")] string Image,
    [property: JsonPropertyName("location"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Location,
    [property: JsonPropertyName("ssh_keys")] List<long> SshKeys,
    [property: JsonPropertyName("labels")] Dictionary<string, string> Labels,
    [property: JsonPropertyName("user_data")] string UserData,
    [property: JsonPropertyName("start_after_create")] bool StartAfterCreate);

/// <summary>The answer to a server creation.</summary>
internal sealed record HetznerCreateServerResponse(
    [property: JsonPropertyName("server")] HetznerServer Server,
    [property: JsonPropertyName("action")] HetznerAction Action,
    [property: JsonPropertyName("next_actions")] List<HetznerAction>? NextActions);

/// <summary>An asynchronous operation.</summary>
internal sealed record HetznerAction(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("command")] string? Command,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] HetznerError? Error);

/// <summary><c>{"action": …}</c>.</summary>
internal sealed record HetznerActionEnvelope([property: JsonPropertyName("action")] HetznerAction Action);

/// <summary>An error object (of an action, or of a failed request).</summary>
internal sealed record HetznerError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>A failed request's body.</summary>
internal sealed record HetznerErrorEnvelope([property: JsonPropertyName("error")] HetznerError? Error);

/// <summary>A registered SSH key.</summary>
internal sealed record HetznerSshKey(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("fingerprint")] string? Fingerprint);

/// <summary>SSH keys.</summary>
internal sealed record HetznerSshKeyList([property: JsonPropertyName("ssh_keys")] List<HetznerSshKey> SshKeys);

/// <summary><c>{"ssh_key": …}</c>.</summary>
internal sealed record HetznerSshKeyEnvelope([property: JsonPropertyName("ssh_key")] HetznerSshKey SshKey);

/// <summary>The body of an SSH key to register.</summary>
internal sealed record HetznerCreateSshKey(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("public_key")] string PublicKey,
    [property: JsonPropertyName("labels")] Dictionary<string, string> Labels);
