using System.Formats.Cbor;
using System.Numerics;

namespace DecentCloud.Icp.Agent.Identities;

/// <summary>
/// The CBOR envelope of a request: <c>{content, sender_pubkey?, sender_sig?, sender_delegation?}</c> under the self-describe tag
/// 55799, with <c>sender_sig = sign("\x0Aic-request" ‖ request id)</c>. Content values are text, blobs,
/// naturals and arrays of those (read_state paths).
/// </summary>
public static class SignedRequest
{
    private static ReadOnlySpan<byte> Domain => "\x0Aic-request"u8;

    /// <summary>The envelope bytes and the request id.</summary>
    public static (byte[] Envelope, byte[] RequestId) Create(IReadOnlyDictionary<string, object> content, IIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(identity);
        var requestId = RequestId.Of(content);
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteTag((CborTag)55799);
        var publicKey = identity.PublicKeyDer;
        var chain = (identity as DelegationIdentity)?.Chain;
        writer.WriteStartMap(publicKey is null ? 1 : chain is null ? 3 : 4);
        writer.WriteTextString("content");
        WriteValue(writer, content);
        if (publicKey is not null)
        {
            writer.WriteTextString("sender_pubkey");
            writer.WriteByteString(publicKey);
            writer.WriteTextString("sender_sig");
            writer.WriteByteString(identity.Sign([.. Domain, .. requestId]));
            if (chain is not null)
            {
                writer.WriteTextString("sender_delegation");
                writer.WriteStartArray(chain.Count);
                foreach (var link in chain)
                {
                    writer.WriteStartMap(2);
                    writer.WriteTextString("delegation");
                    WriteValue(writer, link.Content());
                    writer.WriteTextString("signature");
                    writer.WriteByteString(link.Signature);
                    writer.WriteEndMap();
                }

                writer.WriteEndArray();
            }
        }

        writer.WriteEndMap();
        return (writer.Encode(), requestId);
    }

    private static void WriteValue(CborWriter writer, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteTextString(text);
                break;
            case byte[] bytes:
                writer.WriteByteString(bytes);
                break;
            case ulong n:
                writer.WriteUInt64(n);
                break;
            case BigInteger n when n.Sign >= 0 && n <= ulong.MaxValue:
                writer.WriteUInt64((ulong)n);
                break;
            case IReadOnlyDictionary<string, object> map:
                writer.WriteStartMap(map.Count);
                foreach (var (key, item) in map)
                {
                    writer.WriteTextString(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndMap();
                break;
            case System.Collections.IEnumerable items:
                var list = items.Cast<object>().ToList();
                writer.WriteStartArray(list.Count);
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"a request field cannot hold a {value.GetType().Name}", nameof(value));
        }
    }
}
