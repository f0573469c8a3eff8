using System.Text.Json;
using DecentCloud.Application.Common;
using DecentCloud.Application.Gateways;
using DecentCloud.Application.Outbox;
using DecentCloud.Domain.Gateways;

namespace DecentCloud.Application.AcmeDns;

/// <summary>
/// Outbox message that makes a gateway's challenge TXT in DNS match the stored record. It carries no
/// values: it publishes whatever the record holds when it is sent, so a late or repeated send never
/// brings back a value that was withdrawn or replaced meanwhile.
/// </summary>
/// <param name="DcId">The gateway whose challenge TXT is synchronised.</param>
public sealed record SyncChallengeTxt(string DcId)
{
    /// <summary>The outbox message type.</summary>
    public const string Type = "acme_dns.txt_sync";

    /// <summary>The payload as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);
}

/// <summary>Sends <see cref="SyncChallengeTxt"/> messages through the <see cref="IDnsTxtPublisher"/>.</summary>
internal sealed class SyncChallengeTxtHandler(
    IAcmeTxtRecordStore records,
    IDnsTxtPublisher publisher,
    GatewayZoneProvider zones,
    KeyedLock locks) : IOutboxHandler
{
    /// <inheritdoc />
    public string Type => SyncChallengeTxt.Type;

    /// <inheritdoc />
    public async Task SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Replacing the record set is idempotent by nature, so the key needs no passing on here.
        var message = JsonSerializer.Deserialize<SyncChallengeTxt>(payload)
            ?? throw new InvalidOperationException("an empty acme_dns.txt_sync payload");
        var dcId = DcId.Create(message.DcId).Value;

        // The same lock as the acme-dns update, so this instance never publishes a value read before an update it raced.
        using (await locks.AcquireAsync("acme-txt:" + dcId.Value, cancellationToken))
        {
            var record = await records.FindAsync(dcId, cancellationToken);
            await publisher.ReplaceTxtValuesAsync(zones.Zone.ChallengeName(dcId), record?.Values ?? [], cancellationToken);
        }
    }
}
