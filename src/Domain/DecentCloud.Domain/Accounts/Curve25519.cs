using System.Numerics;

namespace DecentCloud.Domain.Accounts;

/// <summary>
/// The little of Curve25519 arithmetic the key rules need: whether a public key is one of the few points of small
/// order. Such a key gives every Diffie-Hellman exchange one of a handful of shared secrets, so anything sealed to it
/// is readable by anyone. Pure field arithmetic; nothing secret passes through it, so it need not be constant-time.
/// </summary>
internal static class Curve25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger Mask = BigInteger.Pow(2, 255) - 1;

    // The u-coordinates of the points of order 1, 2, 4 and 8 on the curve and its twist (libsodium's blacklist,
    // reduced): 0, 1, p - 1 and the two order-8 points.
    private static readonly BigInteger[] SmallOrderU =
    [
        BigInteger.Zero,
        BigInteger.One,
        P - 1,
        BigInteger.Parse("325606250916557431795983626356110631294008115727848805560023387167927233504", System.Globalization.CultureInfo.InvariantCulture),
        BigInteger.Parse("39382357235489614581723060781553021112529911719440698176882885853963445705823", System.Globalization.CultureInfo.InvariantCulture),
    ];

    /// <summary>
    /// Whether an X25519 public key (32 bytes, little-endian u) is of small order. X25519 ignores the top bit and
    /// reduces u modulo p (RFC 7748 §5), so every other encoding of a small-order u is refused as well.
    /// </summary>
    public static bool IsSmallOrderX25519(ReadOnlySpan<byte> key) => SmallOrderU.Contains(ReduceU(key));

    /// <summary>
    /// Whether an Ed25519 public key is of small order, judged by its X25519 form u = (1 + y) / (1 - y), the form a
    /// device key takes when credentials are sealed to it. y = 1 (the neutral point) has no such form and is refused;
    /// the sign bit and y ≥ p (non-canonical encodings) do not change u, so they are covered too.
    /// </summary>
    public static bool IsSmallOrderEd25519(ReadOnlySpan<byte> key)
    {
        var y = ReduceU(key);
        var denominator = Mod(BigInteger.One - y);
        if (denominator.IsZero)
        {
            return true;
        }

        var u = Mod((BigInteger.One + y) * BigInteger.ModPow(denominator, P - 2, P));
        return SmallOrderU.Contains(u);
    }

    private static BigInteger ReduceU(ReadOnlySpan<byte> key) =>
        (new BigInteger(key, isUnsigned: true, isBigEndian: false) & Mask) % P;

    private static BigInteger Mod(BigInteger value) => ((value % P) + P) % P;
}
