using System.Collections.Concurrent;
using System.Numerics;
using System.Text;

namespace DecentCloud.Icp.Agent.Bls;

/// <summary>
/// BLS signatures on BLS12-381 in the "minimal signature size" variant the Internet Computer uses: signatures
/// are compressed G1 points (48 bytes), public keys compressed G2 points (96 bytes), and messages are hashed to
/// G1 with the domain separation tag <see cref="SignatureDomain"/>.
/// </summary>
public static class Bls12381
{
    /// <summary>The IC's (and the BLS draft's basic scheme's) hash-to-curve domain separation tag for min-sig.</summary>
    public const string SignatureDomain = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";

    /// <summary>Size of a compressed signature.</summary>
    public const int SignatureSize = G1.CompressedSize;

    /// <summary>Size of a compressed public key.</summary>
    public const int PublicKeySize = G2.CompressedSize;

    private const int KeyCacheLimit = 64;
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes(SignatureDomain);

    // Decompressing a public key includes a subgroup check (a 255-bit multiplication in G2) and preparing it
    // computes its Miller-loop lines; certificates reuse a handful of keys (the root and the subnets'), so
    // validated, prepared keys are remembered.
    private static readonly ConcurrentDictionary<string, G2Prepared> ValidatedKeys = new();

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> under
    /// <paramref name="publicKey"/>. Malformed points, points outside the prime-order subgroups and the identity
    /// are rejected (false), never thrown.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        if (signature.Length != SignatureSize || publicKey.Length != PublicKeySize)
        {
            return false;
        }

        if (G1.Decompress(signature) is not { IsInfinity: false } sigma || PublicKey(publicKey) is not { } key)
        {
            return false;
        }

        var hashed = HashToG1.Hash(message, Domain);

        // e(σ, g2) == e(H(m), pk)  ⇔  e(-σ, g2)·e(H(m), pk) == 1
        return Pairing.ProductIsOne([(sigma.Negate(), G2Prepared.Generator), (hashed, key)]);
    }

    /// <summary>The public key (compressed G2) of a 32-byte big-endian secret scalar.</summary>
    public static byte[] PublicKeyOf(ReadOnlySpan<byte> secretKey) => G2.Compress(G2.Generator.Multiply(Scalar(secretKey)));

    /// <summary>
    /// Signs <paramref name="message"/> (σ = sk·H(m)). Meant for tests and local replicas that must produce
    /// certificates; the scalar multiplication is not constant-time.
    /// </summary>
    public static byte[] Sign(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message) =>
        G1.Compress(HashToG1.Hash(message, Domain).Multiply(Scalar(secretKey)));

    /// <summary>Forgets the validated keys (the benchmark of a first-use key needs it).</summary>
    internal static void ClearKeyCache() => ValidatedKeys.Clear();

    private static G2Prepared? PublicKey(ReadOnlySpan<byte> bytes)
    {
        var cacheKey = Convert.ToHexString(bytes);
        if (ValidatedKeys.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        if (G2.Decompress(bytes) is not { IsInfinity: false } point)
        {
            return null;
        }

        var key = G2Prepared.From(point);

        if (ValidatedKeys.Count >= KeyCacheLimit)
        {
            ValidatedKeys.Clear();
        }

        ValidatedKeys[cacheKey] = key;
        return key;
    }

    private static BigInteger Scalar(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != 32)
        {
            throw new ArgumentException("A BLS12-381 secret key is 32 bytes.", nameof(secretKey));
        }

        var scalar = new BigInteger(secretKey, isUnsigned: true, isBigEndian: true);
        if (scalar.IsZero || scalar >= G1.Order)
        {
            throw new ArgumentException("A BLS12-381 secret key is a scalar in [1, r).", nameof(secretKey));
        }

        return scalar;
    }
}
