namespace DecentCloud.Api.Client;

/// <summary>
/// An <see cref="IRequestSigner"/> from a public key and a signing function, for a host that holds the key
/// itself, e.g. <c>new RequestSigner(Ed25519ph.PublicKeyFromSeed(seed), m => Ed25519ph.Sign(seed, m.Span))</c>
/// with <c>DecentCloud.Adapters.Crypto</c>.
/// </summary>
public sealed class RequestSigner : IRequestSigner
{
    private readonly Func<ReadOnlyMemory<byte>, byte[]> _sign;

    /// <summary>A signer for <paramref name="publicKey"/> (32 bytes) whose signatures <paramref name="sign"/> makes.</summary>
    public RequestSigner(ReadOnlyMemory<byte> publicKey, Func<ReadOnlyMemory<byte>, byte[]> sign)
    {
        ArgumentNullException.ThrowIfNull(sign);
        if (publicKey.Length != 32)
        {
            throw new ArgumentException("an Ed25519 public key is 32 bytes", nameof(publicKey));
        }

        PublicKey = publicKey.ToArray();
        _sign = sign;
    }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <inheritdoc />
    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) => ValueTask.FromResult(_sign(message));
}
