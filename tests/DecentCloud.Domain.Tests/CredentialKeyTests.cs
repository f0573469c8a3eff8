using System.Numerics;
using DecentCloud.Domain.Accounts;
using DecentCloud.Domain.Common;

namespace DecentCloud.Domain.Tests;

/// <summary>
/// Issue 10, finding 13: a credential key of small order makes every X25519 shared secret one of a handful of
/// values, so whatever is sealed to it can be read by anyone. The small-order u-coordinates of Curve25519 (and of
/// its twist) are public; every one of them, and every other encoding of the same point, must be refused.
/// </summary>
public class CredentialKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger HighBit = BigInteger.Pow(2, 255);

    private const string GoodDevice = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";

    /// <summary>The small-order u-coordinates (libsodium's blacklist, canonical forms): 0, 1, p-1 and the two of order 8.</summary>
    public static readonly BigInteger[] SmallOrderU =
    [
        BigInteger.Zero,
        BigInteger.One,
        P - 1,
        BigInteger.Parse("325606250916557431795983626356110631294008115727848805560023387167927233504", System.Globalization.CultureInfo.InvariantCulture),
        BigInteger.Parse("39382357235489614581723060781553021112529911719440698176882885853963445705823", System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>The y-coordinates of the eight Ed25519 points of small order: 1, -1, 0 (x = ±√-1) and the order-8 ones.</summary>
    public static readonly string[] SmallOrderEd25519 =
    [
        "0100000000000000000000000000000000000000000000000000000000000000",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ];

    /// <summary>Every 32-byte encoding of every small-order u: canonical, plus p (for u &lt; 19), plus the ignored top bit.</summary>
    public static TheoryData<string> EveryX25519SmallOrderEncoding()
    {
        var data = new TheoryData<string>();
        foreach (var u in SmallOrderU)
        {
            foreach (var value in Encodings(u))
            {
                data.Add(Hex(value));
            }
        }

        return data;
    }

    /// <summary>Every encoding of every small-order Ed25519 point: canonical, y + p where it fits, either sign bit.</summary>
    public static TheoryData<string> EveryEd25519SmallOrderEncoding()
    {
        var data = new TheoryData<string>();
        foreach (var y in SmallOrderEd25519.Select(h => Read(h) % HighBit).Distinct())
        {
            foreach (var value in Encodings(y))
            {
                data.Add(Hex(value));
            }
        }

        return data;
    }

    [Fact]
    public void The_listed_points_really_have_small_order()
    {
        // Self-check of the test data: x-only doubling (Montgomery, A = 486662) reaches 0 (order 2) or infinity within three steps.
        foreach (var u in SmallOrderU)
        {
            var x = u;
            var steps = 0;
            while (x != 0 && steps < 3 && !IsInfinity(x))
            {
                x = Double(x);
                steps++;
            }

            Assert.True(x == 0 || IsInfinity(x), $"u={u} is not of small order");
        }

        Assert.Equal(14, EveryX25519SmallOrderEncoding().Count);
        Assert.Equal(14, EveryEd25519SmallOrderEncoding().Count);
    }

    [Theory]
    [MemberData(nameof(EveryX25519SmallOrderEncoding))]
    public void Registration_refuses_a_small_order_credential_key(string credentialKey)
    {
        var registered = Account.Register(Guid.NewGuid(), credentialKey, GoodDevice, null, T0);
        Assert.True(registered.IsFailed, $"small-order credential key {credentialKey} was accepted");
        var error = registered.FirstDomainError();
        Assert.Equal(("invalid_credential_key", ErrorKind.Validation), (error.Code, error.Kind));
        Assert.StartsWith("credentialKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryEd25519SmallOrderEncoding))]
    public void Adding_a_small_order_device_key_is_refused(string deviceKey)
    {
        var account = Account.Register(Guid.NewGuid(), GoodCredential, GoodDevice, null, T0).Value;
        var added = account.AddDevice(deviceKey, "evil", T0);
        Assert.True(added.IsFailed, $"small-order device key {deviceKey} was accepted");
        Assert.Equal("invalid_device_key", added.FirstDomainError().Code);
        Assert.StartsWith("deviceKey", added.FirstDomainError().Message, StringComparison.Ordinal);
        Assert.Single(account.Devices);
    }

    [Theory]
    [MemberData(nameof(EveryEd25519SmallOrderEncoding))]
    public void Registration_refuses_a_small_order_first_device(string deviceKey) =>
        Assert.Equal("invalid_device_key", Account.Register(Guid.NewGuid(), GoodCredential, deviceKey, null, T0).FirstDomainError().Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c00")]
    [InlineData("zz4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")]
    public void Registration_refuses_a_credential_key_of_the_wrong_shape(string? credentialKey)
    {
        var error = Account.Register(Guid.NewGuid(), credentialKey, GoodDevice, null, T0).FirstDomainError();
        Assert.Equal("invalid_credential_key", error.Code);
        Assert.StartsWith("credentialKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_keys_are_accepted_and_kept_in_lower_case()
    {
        var account = Account.Register(Guid.NewGuid(), GoodCredential.ToUpperInvariant(), GoodDevice, null, T0).Value;
        Assert.Equal(GoodCredential, account.CredentialKeyHex);
        Assert.True(account.AddDevice("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "phone", T0).IsSuccess);
    }

    [Fact]
    public void The_value_objects_refuse_what_the_account_refuses()
    {
        foreach (var key in EveryX25519SmallOrderEncoding())
        {
            Assert.True(CredentialPublicKey.FromHex(key.Data).IsFailed);
        }

        foreach (var key in EveryEd25519SmallOrderEncoding())
        {
            Assert.True(DevicePublicKey.FromHex(key.Data).IsFailed);
        }

        Assert.Equal(GoodCredential, CredentialPublicKey.FromHex(GoodCredential).Value.Hex);
        Assert.Equal(GoodDevice, DevicePublicKey.FromHex(GoodDevice.ToUpperInvariant()).Value.Hex);
    }

    // RFC 7748 §6.1 test vector: Alice's X25519 public key.
    private const string GoodCredential = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";

    private static IEnumerable<BigInteger> Encodings(BigInteger canonical)
    {
        var values = new List<BigInteger> { canonical };
        if (canonical + P < HighBit)
        {
            values.Add(canonical + P);
        }

        return values.Concat(values.Select(v => v + HighBit).ToList());
    }

    private static BigInteger Read(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: false);

    private static string Hex(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return Convert.ToHexStringLower(bytes);
    }

    private static bool IsInfinity(BigInteger x) => x < 0;

    private static BigInteger Double(BigInteger u)
    {
        // x(2P) = (u² - 1)² / (4u(u² + Au + 1)); a zero denominator means 2P is the point at infinity (marked -1).
        var denominator = Mod(4 * u * ((u * u) + (486662 * u) + 1));
        if (denominator == 0)
        {
            return -1;
        }

        var numerator = Mod(BigInteger.Pow((u * u) - 1, 2));
        return Mod(numerator * BigInteger.ModPow(denominator, P - 2, P));
    }

    private static BigInteger Mod(BigInteger value) => ((value % P) + P) % P;
}
