using CsCheck;

namespace DecentCloud.Icp.Candid.Tests;

/// <summary>The published vectors of ../shared/conformance/README.md, and round-trip properties.</summary>
public class TextEncodingTests
{
    private const string Owner = "k2t6j-2nvnp-4zjm3-25dtz-6xhaa-c7boj-5gayf-oj3xs-i43lp-teztq-6ae";

    [Theory]
    [InlineData("abcd01", "em77e-bvlzu-aq")]
    [InlineData("caffee", "w7x7r-cok77-xa")]
    [InlineData("04", "2vxsx-fae")]
    [InlineData("", "aaaaa-aa")]
    public void Principal_vectors(string hex, string text)
    {
        var principal = Principal.FromBytes(Convert.FromHexString(hex));
        Assert.Equal(text, principal.ToText());
        Assert.Equal(principal, Principal.FromText(text));
        Assert.Equal(hex, Convert.ToHexStringLower(Principal.FromText(text).Bytes));
    }

    [Fact]
    public void Well_known_principals() =>
        Assert.Equal(("2vxsx-fae", "aaaaa-aa"), (Principal.Anonymous.ToText(), Principal.ManagementCanister.ToText()));

    [Theory]
    [InlineData("2VXSX-FAE")]
    [InlineData("2vxsxfae")]
    [InlineData("2vxsx-fae-")]
    [InlineData("2vxsx-faa")]
    [InlineData("em77e-bvlzu-aa")]
    [InlineData("")]
    [InlineData("not a principal")]
    public void Non_canonical_or_corrupt_text_is_refused(string text) => Assert.False(Principal.TryParse(text, out _));

    [Fact]
    public void Principals_longer_than_29_bytes_do_not_exist() =>
        Assert.Throws<ArgumentException>(() => Principal.FromBytes(new byte[30]));

    [Fact]
    public void Every_principal_round_trips_through_its_text() =>
        Gen.Byte.Array[0, 29].Sample(bytes =>
        {
            var text = Principal.FromBytes(bytes).ToText();
            return Principal.TryParse(text, out var back) && back.Bytes.SequenceEqual(bytes);
        }, iter: 5000);

    [Fact]
    public void Icrc1_account_vectors()
    {
        var full = new IcrcAccount(Principal.FromText(Owner), Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        Assert.Equal(Owner + "-dfxgiyy.102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", full.ToString());
        var one = new IcrcAccount(Principal.FromText(Owner), [.. new byte[31], 1]);
        Assert.Equal(Owner + "-6cc627i.1", one.ToString());
        Assert.Equal(one.Subaccount, IcrcAccount.Parse(Owner + "-6cc627i.1").Subaccount);
        Assert.Equal(Owner, new IcrcAccount(Principal.FromText(Owner), new byte[32]).ToString());
        Assert.Null(IcrcAccount.Parse(Owner).Subaccount);
    }

    [Theory]
    [InlineData(Owner + "-6cc627j.1")]
    [InlineData(Owner + "-6cc627i.01")]
    [InlineData(Owner + "-6cc627i.")]
    [InlineData(Owner + ".1")]
    [InlineData(Owner + "-aaaaaaa.0")]
    public void Corrupt_account_text_is_refused(string text) => Assert.Throws<FormatException>(() => IcrcAccount.Parse(text));

    [Fact]
    public void Accounts_round_trip_through_their_text() =>
        Gen.Select(Gen.Byte.Array[0, 29], Gen.Byte.Array[32]).Sample((owner, sub) =>
        {
            var account = new IcrcAccount(Principal.FromBytes(owner), sub);
            var back = IcrcAccount.Parse(account.ToString());
            return back.Owner.Equals(account.Owner) && (account.IsDefaultSubaccount ? back.IsDefaultSubaccount : back.Subaccount!.SequenceEqual(sub));
        }, iter: 2000);

    [Theory]
    [InlineData("owner", 947296307u)]
    [InlineData("subaccount", 1349681965u)]
    [InlineData("to", 25979u)]
    [InlineData("amount", 3573748184u)]
    [InlineData("fee", 5094982u)]
    [InlineData("memo", 1213809850u)]
    [InlineData("created_at_time", 3258775938u)]
    [InlineData("Ok", 17724u)]
    [InlineData("Err", 3456837u)]
    public void Field_id_vectors(string name, uint id) => Assert.Equal(id, CandidIds.FieldId(name));
}
