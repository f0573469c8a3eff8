using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DecentCloud.Agent.Gateway;
using DecentCloud.Agent.Setup;
using DecentCloud.Api.Client;

namespace DecentCloud.Agent.Tests;

/// <summary>
/// A gateway's Caddy folder in a temporary directory, written by dc-agent's own <see cref="CaddyFiles"/>, with a
/// self-signed wildcard certificate for <c>*.{Name}</c> so that <see cref="CaddyTlsMode.Files"/> works without a CA.
/// </summary>
internal sealed class CaddyTestGateway : IDisposable
{
    public const string Name = "dc-lk.gw.decent-cloud.org";
    public const string Password = "s3cr3t-password-value-0123456789abcdefghijk";

    public CaddyTestGateway()
    {
        Dir = Directory.CreateTempSubdirectory("dc-caddy-").FullName;
        Files = new CaddyFiles(Path.Combine(Dir, "caddy"));
        CertFile = Path.Combine(Dir, "tls", "wildcard.crt");
        KeyFile = Path.Combine(Dir, "tls", "wildcard.key");
        Directory.CreateDirectory(Path.GetDirectoryName(CertFile)!);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=*.{Name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName($"*.{Name}");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        File.WriteAllText(CertFile, certificate.ExportCertificatePem());
        File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
    }

    public string Dir { get; }

    public CaddyFiles Files { get; }

    public string CertFile { get; }

    public string KeyFile { get; }

    /// <summary>The SHA-256 thumbprint of the wildcard certificate, to trust exactly it.</summary>
    public string Thumbprint { get; }

    /// <summary>Files-mode options on the given ports, with storage inside the test's folder.</summary>
    public CaddyOptions FilesOptions(int admin, int http, int https) => new()
    {
        Tls = CaddyTlsMode.Files,
        CertFile = CertFile,
        KeyFile = KeyFile,
        Admin = $"127.0.0.1:{admin}",
        HttpPort = http,
        HttpsPort = https,
        Storage = Path.Combine(Dir, "storage"),
    };

    /// <summary>Writes the Caddyfile, env file and sites folder as <c>setup token</c> does, from a registration reply.</summary>
    public void Write(CaddyOptions options) => Files.Write(
        new GatewayCredentials(
            "https://api.decent-cloud.org/api/v1/acme-dns", Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff"), Password, "dc-lk",
            $"_acme-challenge.{Name}", $"*.{Name}", "gw", "decent-cloud.org"),
        options);

    /// <summary>The site files now in the sites folder, by name, with their content.</summary>
    public Dictionary<string, string> SiteFiles() =>
        Directory.EnumerateFiles(Files.SitesDir).ToDictionary(path => Path.GetFileName(path), File.ReadAllText, StringComparer.Ordinal);

    public void Dispose() => Directory.Delete(Dir, true);
}
