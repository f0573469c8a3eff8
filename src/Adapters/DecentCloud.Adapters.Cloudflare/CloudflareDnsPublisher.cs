using System.Net;
using DecentCloud.Application.AcmeDns;
using DecentCloud.Application.Dns;
using Refit;

namespace DecentCloud.Adapters.Cloudflare;

/// <summary>Publishes challenge TXT and VM A records to a Cloudflare zone and serves the zone clean-up.</summary>
internal sealed class CloudflareDnsPublisher(ICloudflareApi api, CloudflareOptions options)
    : IDnsTxtPublisher, IDnsAddressPublisher, IDnsZoneMaintenance
{
    private const int ChallengeTtl = 60;
    private const int AddressTtl = 300;
    private const int PageSize = 100;

    /// <inheritdoc />
    public Task ReplaceTxtValuesAsync(string name, IReadOnlyList<string> values, CancellationToken cancellationToken) =>
        ReplaceAsync("TXT", name, values, ChallengeTtl, cancellationToken);

    /// <inheritdoc />
    public Task SetAddressAsync(string name, IPAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return ReplaceAsync("A", name, [address.ToString()], AddressTtl, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemoveAddressAsync(string name, CancellationToken cancellationToken) =>
        ReplaceAsync("A", name, [], AddressTtl, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DnsRecordInfo>> ListCnameRecordsAsync(CancellationToken cancellationToken)
    {
        var records = await ListAsync("CNAME", null, cancellationToken);
        return records.Select(r => new DnsRecordInfo(r.Id, r.Type, r.Name, r.Content)).ToArray();
    }

    /// <inheritdoc />
    public async Task DeleteRecordAsync(string recordId, CancellationToken cancellationToken)
    {
        var response = await api.DeleteRecordAsync(options.ZoneId, recordId, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            Check(response, $"delete record {recordId}");
        }
    }

    // Creates the missing values first and deletes the surplus after, so a name never goes empty in between.
    private async Task ReplaceAsync(string type, string name, IReadOnlyList<string> values, int ttl, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(type, name, cancellationToken);
        foreach (var value in values.Where(v => !existing.Any(r => Unquoted(r.Content) == v)))
        {
            var created = await api.CreateRecordAsync(options.ZoneId, new CloudflareNewRecord(type, name, value, ttl, false), cancellationToken);
            Check(created, $"create {type} record for {name}");
        }

        foreach (var surplus in existing.Where(r => !values.Contains(Unquoted(r.Content))))
        {
            await DeleteRecordAsync(surplus.Id, cancellationToken);
        }
    }

    private async Task<List<CloudflareDnsRecord>> ListAsync(string type, string? name, CancellationToken cancellationToken)
    {
        var all = new List<CloudflareDnsRecord>();
        for (var page = 1; ; page++)
        {
            var response = await api.ListRecordsAsync(options.ZoneId, type, name, page, PageSize, cancellationToken);
            var envelope = Check(response, $"list {type} records");
            all.AddRange(envelope.Result ?? []);
            if (envelope.ResultInfo is null || page >= envelope.ResultInfo.TotalPages)
            {
                return all;
            }
        }
    }

    // Cloudflare may hand TXT content back wrapped in quotes.
    private static string Unquoted(string content) =>
        content.Length >= 2 && content[0] == '"' && content[^1] == '"' ? content[1..^1] : content;

    private static CloudflareEnvelope<T> Check<T>(IApiResponse<CloudflareEnvelope<T>> response, string what)
    {
        if (response.IsSuccessStatusCode && response.Content is { Success: true } envelope)
        {
            return envelope;
        }

        var errors = response.Content?.Errors is { Count: > 0 } list
            ? string.Join("; ", list.Select(e => $"{e.Code} {e.Message}"))
            : response.Error?.Message ?? "no error details";
        throw new DnsPublishException($"Cloudflare refused to {what}: HTTP {(int?)response.StatusCode}, {errors}");
    }
}
