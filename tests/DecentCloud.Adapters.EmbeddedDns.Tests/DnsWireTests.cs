using System.Net;
using CsCheck;
using DecentCloud.Application.Dns;

namespace DecentCloud.Adapters.EmbeddedDns.Tests;

public class DnsWireTests
{
    private static ZoneLookup Lookup(ZoneNameStatus status, string[]? txt = null, IPAddress[]? a = null) =>
        new(status, "decent-cloud.org", txt ?? [], a ?? []);

    [Fact]
    public void Parses_a_query_with_its_id_name_and_type()
    {
        var query = DnsWire.TryParseQuery(DnsMessages.Query("_acme-challenge.dc-lk.gw.decent-cloud.org", 16, 0xBEEF, withEdns: true), out var id);
        Assert.NotNull(query);
        Assert.Equal((ushort)0xBEEF, id);
        Assert.Equal(("_acme-challenge.dc-lk.gw.decent-cloud.org", (ushort)16, (ushort)1), (query.Name, query.Type, query.Class));
        Assert.True(query.RecursionDesired);
    }

    [Fact]
    public void Refuses_malformed_messages()
    {
        Assert.Null(DnsWire.TryParseQuery([1, 2, 3], out var noId));
        Assert.Null(noId);

        var response = DnsMessages.Query("a.org", 1);
        response[2] |= 0x80;
        Assert.Null(DnsWire.TryParseQuery(response, out var id));
        Assert.Equal((ushort)0x1234, id);

        var twoQuestions = DnsMessages.Query("a.org", 1);
        twoQuestions[5] = 2;
        Assert.Null(DnsWire.TryParseQuery(twoQuestions, out _));

        byte[] loop = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1];
        Assert.Null(DnsWire.TryParseQuery(loop, out _));

        byte[] cut = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 5, (byte)'a'];
        Assert.Null(DnsWire.TryParseQuery(cut, out _));
    }

    [Fact]
    public void Random_bytes_never_throw() =>
        Gen.Byte.Array[0, 600].Sample(bytes =>
        {
            var query = DnsWire.TryParseQuery(bytes, out _);
            if (query is not null)
            {
                DnsResponder.Respond(query, Lookup(ZoneNameStatus.Exists, ["x"]), null, overUdp: true);
            }
        }, iter: 20_000);

    [Fact]
    public void Challenge_values_are_authoritative_txt_answers_with_ttl_60()
    {
        var query = DnsWire.TryParseQuery(DnsMessages.Query("_acme-challenge.dc-lk.gw.decent-cloud.org", 16), out _)!;
        var response = DnsMessages.Parse(DnsResponder.Respond(query, Lookup(ZoneNameStatus.Exists, ["v1", "v2"]), null, overUdp: true));
        Assert.Equal((0, true), (response.Rcode, response.Authoritative));
        Assert.Equal(["v1", "v2"], response.Answers.Select(a => DnsMessages.TxtText(a.Data)));
        Assert.All(response.Answers, a => Assert.Equal((16, 60u), (a.Type, a.Ttl)));
    }

    [Fact]
    public void Vm_names_answer_A_with_ttl_300()
    {
        var query = DnsWire.TryParseQuery(DnsMessages.Query("k7m2p4.dc-lk.gw.decent-cloud.org", 1), out _)!;
        var response = DnsMessages.Parse(DnsResponder.Respond(query, Lookup(ZoneNameStatus.Exists, a: [IPAddress.Parse("203.0.113.7")]), null, true));
        var answer = Assert.Single(response.Answers);
        Assert.Equal((1, 300u), (answer.Type, answer.Ttl));
        Assert.Equal([203, 0, 113, 7], answer.Data);
    }

    [Fact]
    public void Missing_names_are_nxdomain_and_missing_types_nodata_both_with_the_soa()
    {
        var txt = DnsWire.TryParseQuery(DnsMessages.Query("nope.decent-cloud.org", 16), out _)!;
        var nx = DnsMessages.Parse(DnsResponder.Respond(txt, Lookup(ZoneNameStatus.NotFound), null, true));
        Assert.Equal(3, nx.Rcode);
        Assert.Equal(6, Assert.Single(nx.Authority).Type);

        var aaaa = DnsWire.TryParseQuery(DnsMessages.Query("_acme-challenge.dc-lk.gw.decent-cloud.org", 28), out _)!;
        var nodata = DnsMessages.Parse(DnsResponder.Respond(aaaa, Lookup(ZoneNameStatus.Exists, ["v"]), null, true));
        Assert.Equal(0, nodata.Rcode);
        Assert.Empty(nodata.Answers);
        Assert.Equal(6, Assert.Single(nodata.Authority).Type);
    }

    [Fact]
    public void The_apex_has_soa_and_ns_and_foreign_names_are_refused()
    {
        var soa = DnsMessages.Parse(DnsResponder.Respond(DnsWire.TryParseQuery(DnsMessages.Query("decent-cloud.org", 6), out _)!, Lookup(ZoneNameStatus.Apex), null, true));
        Assert.Equal(6, Assert.Single(soa.Answers).Type);
        var ns = DnsMessages.Parse(DnsResponder.Respond(DnsWire.TryParseQuery(DnsMessages.Query("decent-cloud.org", 2), out _)!, Lookup(ZoneNameStatus.Apex), "ns.example.net", true));
        Assert.Equal(2, Assert.Single(ns.Answers).Type);
        Assert.Equal([2, (byte)'n', (byte)'s', 7], ns.Answers[0].Data[..4]);
        var refused = DnsMessages.Parse(DnsResponder.Respond(DnsWire.TryParseQuery(DnsMessages.Query("example.com", 1), out _)!, Lookup(ZoneNameStatus.OutOfZone), null, true));
        Assert.Equal((5, false), (refused.Rcode, refused.Authoritative));
    }

    [Fact]
    public void Oversized_udp_answers_are_truncated()
    {
        var query = DnsWire.TryParseQuery(DnsMessages.Query("_acme-challenge.dc-lk.gw.decent-cloud.org", 16), out _)!;
        var many = Enumerable.Range(0, 20).Select(i => new string((char)('a' + i), 43)).ToArray();
        var udp = DnsMessages.Parse(DnsResponder.Respond(query, Lookup(ZoneNameStatus.Exists, many), null, overUdp: true));
        Assert.True(udp.Truncated);
        Assert.Empty(udp.Answers);
        var tcp = DnsMessages.Parse(DnsResponder.Respond(query, Lookup(ZoneNameStatus.Exists, many), null, overUdp: false));
        Assert.Equal(20, tcp.Answers.Count);
    }
}
