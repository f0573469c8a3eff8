using DecentCloud.Adapters.Crypto;
using DecentCloud.Api.Client;
using DecentCloud.Hosting.Configuration;

namespace DecentCloud.PayoutCli.Settings;

/// <summary>
/// The admin key that signs the API requests (one of the API's <c>DC_ADMIN_PUBLIC_KEYS</c>). The seed stays inside the
/// signing function; <see cref="ToString"/> shows only the public key.
/// </summary>
internal sealed class AdminKey
{
    private AdminKey(IRequestSigner signer) => Signer = signer;

    /// <summary>Signs like a device, as the API expects of admin keys.</summary>
    public IRequestSigner Signer { get; }

    /// <summary>The public key, hex (what the API lists in <c>DC_ADMIN_PUBLIC_KEYS</c>).</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(Signer.PublicKey.Span);

    /// <summary>Reads the key from the variable or the file; a missing or malformed key names the setting, never its text.</summary>
    public static AdminKey Load(string? value, string? file)
    {
        var text = PayoutCliSettings.ReadSecret(value, file, nameof(PayoutCliSettings.AdminKey), nameof(PayoutCliSettings.AdminKeyFile))
            ?? throw new InvalidSettingsException(
                $"{PayoutVariables.Name(nameof(PayoutCliSettings.AdminKey))} or {PayoutVariables.Name(nameof(PayoutCliSettings.AdminKeyFile))} is required: the admin signing key.");
        byte[] seed;
        try
        {
            seed = Convert.FromHexString(text.Trim());
        }
        catch (FormatException)
        {
            seed = [];
        }

        if (seed.Length != 32)
        {
            throw new InvalidSettingsException(
                $"{PayoutVariables.Name(file is null ? nameof(PayoutCliSettings.AdminKey) : nameof(PayoutCliSettings.AdminKeyFile))} must hold the admin key's 32-byte Ed25519 seed as 64 hex digits.");
        }

        var publicKey = Ed25519ph.PublicKeyFromSeed(seed);
        return new AdminKey(new RequestSigner(publicKey, message => Ed25519ph.Sign(seed, message.Span)));
    }

    /// <inheritdoc />
    public override string ToString() => $"admin key {PublicKeyHex}";
}
