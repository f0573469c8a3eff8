using DecentCloud.Domain.Money;
using DecentCloud.Hosting.Configuration;
using DecentCloud.Icp.Candid;
using Microsoft.Extensions.Configuration;

namespace DecentCloud.PayoutCli.Settings;

/// <summary>
/// The settings of <c>dc-payout</c>, bound from the <c>Payout</c> section (environment variables of
/// <see cref="PayoutVariables"/>, options on top). Each command checks only what it needs (<see cref="RequireApi"/>,
/// <see cref="RequireLedger"/>); the secrets are read by <see cref="AdminKey"/> and <see cref="WalletKey"/>, whose
/// errors name the setting and never its value.
/// </summary>
internal sealed class PayoutCliSettings
{
    /// <summary>The IC's public boundary nodes.</summary>
    public const string MainnetIcUrl = "https://icp-api.io";

    /// <summary>The API's base URL.</summary>
    public string? ApiUrl { get; set; }

    /// <summary>The admin signing key: the 32-byte Ed25519 seed as 64 hex digits (a secret).</summary>
    public string? AdminKey { get; set; }

    /// <summary>A file holding <see cref="AdminKey"/>.</summary>
    public string? AdminKeyFile { get; set; }

    /// <summary>The platform wallet's PEM, as dfx writes identity.pem (a secret).</summary>
    public string? WalletPem { get; set; }

    /// <summary>A file holding <see cref="WalletPem"/>.</summary>
    public string? WalletPemFile { get; set; }

    /// <summary>The IC boundary node or local replica.</summary>
    public string IcUrl { get; set; } = MainnetIcUrl;

    /// <summary>A local replica's root key (hex DER); unset, the mainnet key built into the agent.</summary>
    public string? IcRootKey { get; set; }

    /// <summary>Ledger canister overrides per token symbol (a local replica's ledgers).</summary>
    public Dictionary<string, string> Ledgers { get; } = new(StringComparer.Ordinal);

    /// <summary>Binds the settings from <paramref name="configuration"/> (the variables already translated onto keys).</summary>
    public static PayoutCliSettings From(IConfiguration configuration) =>
        configuration.BindValidated<PayoutCliSettings>(PayoutVariables.Section, PayoutVariables.All);

    /// <summary>The API's base URL, checked (https, or http to a loopback host), ending in a slash.</summary>
    public Uri RequireApi()
    {
        var name = PayoutVariables.Name(nameof(ApiUrl));
        var uri = Url(ApiUrl, name) ?? throw new InvalidSettingsException($"{name} is required: the API's base URL.");
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>The IC URL (checked like the API's) and the root key its certificates are verified against (null: mainnet).</summary>
    public (Uri Url, byte[]? RootKey) RequireIc()
    {
        var name = PayoutVariables.Name(nameof(IcUrl));
        var url = Url(IcUrl, name) ?? throw new InvalidSettingsException($"{name} is required: the IC boundary node or replica.");
        if (string.IsNullOrWhiteSpace(IcRootKey))
        {
            return (url, null);
        }

        try
        {
            var key = Convert.FromHexString(IcRootKey.Trim());
            return key.Length is >= 32 and <= 512
                ? (url, key)
                : throw new InvalidSettingsException($"{PayoutVariables.Name(nameof(IcRootKey))} must be a DER public key in hex (got {key.Length} bytes).");
        }
        catch (FormatException)
        {
            throw new InvalidSettingsException($"{PayoutVariables.Name(nameof(IcRootKey))} must be hex (the replica's root key, DER).");
        }
    }

    /// <summary>The ledger canister of <paramref name="symbol"/>: its override, else the known token's ledger.</summary>
    public Principal RequireLedger(string symbol)
    {
        var known = Token.FromSymbol(symbol);
        if (known.IsFailed)
        {
            throw new InvalidSettingsException($"--token must be one of {string.Join(", ", Token.Known.Select(t => t.Symbol))} (got '{symbol}').");
        }

        var text = Ledgers.TryGetValue(symbol, out var custom) && !string.IsNullOrWhiteSpace(custom) ? custom.Trim() : known.Value.LedgerCanisterId!;
        try
        {
            return Principal.FromText(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidSettingsException($"{PayoutVariables.Name($"Ledgers:{symbol}")} is not a canister id ('{text}').");
        }
    }

    /// <summary>The admin key, from <see cref="AdminKey"/> or <see cref="AdminKeyFile"/>.</summary>
    public AdminKey RequireAdminKey() => Settings.AdminKey.Load(AdminKey, AdminKeyFile);

    /// <summary>The platform wallet, from <see cref="WalletPem"/> or <see cref="WalletPemFile"/>.</summary>
    public WalletKey RequireWallet() => WalletKey.Load(WalletPem, WalletPemFile);

    private static Uri? Url(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidSettingsException($"{name} must be an http(s) URL (got '{text}').");
        }

        // Signed requests must not cross a network in the clear.
        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            throw new InvalidSettingsException($"{name} must use https unless the host is loopback (got '{uri.Host}').");
        }

        return uri;
    }

    /// <summary>Reads a secret from its variable or its file; the message names both settings and never the text.</summary>
    internal static string? ReadSecret(string? value, string? file, string valueMember, string fileMember)
    {
        if (!string.IsNullOrWhiteSpace(value) && !string.IsNullOrWhiteSpace(file))
        {
            throw new InvalidSettingsException($"set either {PayoutVariables.Name(valueMember)} or {PayoutVariables.Name(fileMember)}, not both.");
        }

        if (!string.IsNullOrWhiteSpace(value))
        {
            return value;
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        return System.Text.Encoding.UTF8.GetString(ReadSecretFile(file, fileMember));
    }

    /// <summary>The bytes of a secret's file; an unreadable file names the setting and the path, never content.</summary>
    internal static byte[] ReadSecretFile(string file, string fileMember)
    {
        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidSettingsException($"{PayoutVariables.Name(fileMember)}: cannot read {file} ({ex.GetType().Name}).");
        }
    }
}
