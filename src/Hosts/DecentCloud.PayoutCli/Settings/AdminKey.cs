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
    // PKCS#8 of an Ed25519 private key, as openssl genpkey writes it: this prefix, then the 32-byte seed.
    private static readonly byte[] Pkcs8Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    private AdminKey(IRequestSigner signer) => Signer = signer;

    /// <summary>Signs like a device, as the API expects of admin keys.</summary>
    public IRequestSigner Signer { get; }

    /// <summary>The public key, hex (what the API lists in <c>DC_ADMIN_PUBLIC_KEYS</c>).</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(Signer.PublicKey.Span);

    /// <summary>
    /// Reads the key from the variable (the seed as 64 hex digits) or the file (the seed raw, as the README's
    /// <c>admin.seed</c>, or in hex, or the PKCS#8 PEM <c>openssl genpkey -algorithm ed25519</c> writes). A missing or
    /// malformed key names the setting, never its text.
    /// </summary>
    public static AdminKey Load(string? value, string? file)
    {
        var valueName = nameof(PayoutCliSettings.AdminKey);
        var fileName = nameof(PayoutCliSettings.AdminKeyFile);
        if (!string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidSettingsException($"set either {PayoutVariables.Name(valueName)} or {PayoutVariables.Name(fileName)}, not both.");
        }

        byte[]? seed;
        if (!string.IsNullOrWhiteSpace(value))
        {
            seed = FromText(value);
        }
        else if (!string.IsNullOrWhiteSpace(file))
        {
            var bytes = PayoutCliSettings.ReadSecretFile(file, fileName);
            seed = bytes.Length == 32 ? bytes : FromText(System.Text.Encoding.ASCII.GetString(bytes));
        }
        else
        {
            throw new InvalidSettingsException($"{PayoutVariables.Name(valueName)} or {PayoutVariables.Name(fileName)} is required: the admin signing key.");
        }

        if (seed is null)
        {
            throw new InvalidSettingsException(
                $"{PayoutVariables.Name(file is null ? valueName : fileName)} must hold the admin key's 32-byte Ed25519 seed as 64 hex digits (a file: raw, hex or a PKCS#8 PEM).");
        }

        var publicKey = Ed25519ph.PublicKeyFromSeed(seed);
        return new AdminKey(new RequestSigner(publicKey, message => Ed25519ph.Sign(seed, message.Span)));
    }

    /// <inheritdoc />
    public override string ToString() => $"admin key {PublicKeyHex}";

    private static byte[]? FromText(string text)
    {
        text = text.Trim();
        try
        {
            if (text.StartsWith("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
            {
                var body = string.Concat(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
                var der = Convert.FromBase64String(body);
                return der.Length == Pkcs8Prefix.Length + 32 && der.AsSpan(0, Pkcs8Prefix.Length).SequenceEqual(Pkcs8Prefix) ? der[Pkcs8Prefix.Length..] : null;
            }

            var seed = Convert.FromHexString(text);
            return seed.Length == 32 ? seed : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
