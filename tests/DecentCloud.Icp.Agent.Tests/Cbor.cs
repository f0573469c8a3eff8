using System.Formats.Cbor;

namespace DecentCloud.Icp.Agent.Tests;

/// <summary>Writes certificates back to CBOR, to build variations of the real ones.</summary>
internal static class Cbor
{
    public static byte[] Certificate(byte[] treeCbor, byte[] signature, Dictionary<string, byte[]>? delegation)
    {
        var writer = new CborWriter();
        writer.WriteStartMap(delegation is null ? 2 : 3);
        writer.WriteTextString("tree");
        writer.WriteEncodedValue(treeCbor);
        writer.WriteTextString("signature");
        writer.WriteByteString(signature);
        if (delegation is not null)
        {
            writer.WriteTextString("delegation");
            writer.WriteStartMap(2);
            writer.WriteTextString("subnet_id");
            writer.WriteByteString(delegation["subnet_id"]);
            writer.WriteTextString("certificate");
            writer.WriteByteString(delegation["certificate"]);
            writer.WriteEndMap();
        }

        writer.WriteEndMap();
        return writer.Encode();
    }

    /// <summary>The CBOR of a parsed certificate's tree (re-read from the certificate bytes is not possible, so it is rebuilt).</summary>
    public static byte[] Tree(Agent.Certificate certificate) => certificate.TreeCbor.ToArray();
}
