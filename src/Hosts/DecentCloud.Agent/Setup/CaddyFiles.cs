using System.Text;
using DecentCloud.Agent.Common;
using DecentCloud.Agent.Gateway;
using DecentCloud.Api.Client;

namespace DecentCloud.Agent.Setup;

/// <summary>The gateway's Caddy files: the Caddyfile, the env file with the acme-dns credentials, the sites folder.</summary>
internal sealed class CaddyFiles(string dir)
{
    private readonly string caddyDir = Path.GetFullPath(dir);

    public string Caddyfile => Path.Combine(caddyDir, "Caddyfile");

    public string EnvFile => Path.Combine(caddyDir, "env");

    public string SitesDir => Path.Combine(caddyDir, "sites");

    public static readonly string[] EnvNames = ["ACME_DNS_SERVER_URL", "ACME_DNS_USERNAME", "ACME_DNS_PASSWORD", "ACME_DNS_SUBDOMAIN"];

    /// <summary>The problem of the Caddy folder itself, or null: it is written into the Caddyfile's import line.</summary>
    public string? FolderProblem() =>
        SitesDir.All(CaddyOptions.IsPathChar)
            ? null
            // A space, brace or newline in the import line would change its meaning.
            : $"the Caddy folder '{caddyDir}' may hold only [A-Za-z0-9._/-]; nothing was written.";

    /// <summary>
    /// Checks the API's reply (<see cref="CheckedGatewayCredentials"/>, which throws <see cref="SetupRefusedException"/>
    /// before anything is written) and the options, then writes all files; the env file first so the Caddyfile never names
    /// credentials that are not there.
    /// </summary>
    public void Write(GatewayCredentials reply, CaddyOptions options)
    {
        var credentials = CheckedGatewayCredentials.From(reply);
        if (FolderProblem() is { } problem)
        {
            throw new SetupRefusedException(problem);
        }

        if (options.Problems() is [_, ..] problems)
        {
            throw new SetupRefusedException($"{string.Join(" ", problems)} Nothing was written.");
        }

        Directory.CreateDirectory(SitesDir);
        File.SetUnixFileMode(SitesDir, SafeFile.Mode750);
        SafeFile.WriteAtomically(EnvFile, RenderEnv(credentials), SafeFile.Mode600);
        SafeFile.WriteAtomically(Caddyfile, RenderCaddyfile(credentials.Wildcard, options), SafeFile.Mode640);
    }

    // Every value is checked (URL characters, a GUID, base64url, a dc_id), so none can start another line.
    private static string RenderEnv(CheckedGatewayCredentials c) =>
        $"ACME_DNS_SERVER_URL={c.ServerUrl}\nACME_DNS_USERNAME={c.Username}\nACME_DNS_PASSWORD={c.Password}\nACME_DNS_SUBDOMAIN={c.Subdomain.Value}\n";

    /// <summary>
    /// The Caddyfile: global options, then the wildcard site that imports the per-VM snippets and aborts every other name.
    /// Every value in it is checked (<see cref="CaddyOptions.Problems"/>, the wildcard by <see cref="CheckedGatewayCredentials"/>).
    /// </summary>
    internal string RenderCaddyfile(string wildcard, CaddyOptions options)
    {
        var text = new StringBuilder();
        text.Append("# Written by dc-agent setup; changes are overwritten on the next setup.\n");
        text.Append("{\n");
        text.Append("\tadmin ").Append(options.Admin).Append('\n');
        text.Append("\thttp_port ").Append(options.HttpPort).Append('\n');
        text.Append("\thttps_port ").Append(options.HttpsPort).Append('\n');
        text.Append("\tstorage file_system {\n\t\troot ").Append(options.Storage).Append("\n\t}\n}\n\n");
        text.Append(wildcard).Append(" {\n");
        if (options.Tls == CaddyTlsMode.Files)
        {
            // The provider's ACME client renews these two files with the same acme-dns credentials; a reload picks them up.
            text.Append("\ttls ").Append(options.CertFile).Append(' ').Append(options.KeyFile).Append("\n\n");
        }
        else
        {
            // {$VAR} placeholders are filled when the Caddyfile is adapted, so a reload with the new env picks up rotated credentials.
            text.Append("\ttls {\n\t\tdns acmedns {\n");
            text.Append("\t\t\tusername {$ACME_DNS_USERNAME}\n");
            text.Append("\t\t\tpassword {$ACME_DNS_PASSWORD}\n");
            text.Append("\t\t\tsubdomain {$ACME_DNS_SUBDOMAIN}\n");
            text.Append("\t\t\tserver_url {$ACME_DNS_SERVER_URL}\n");
            text.Append("\t\t}\n\t}\n\n");
        }

        // The site snippets are imported inside the wildcard site, so each VM name shares its certificate.
        text.Append("\timport ").Append(Path.Combine(SitesDir, "*.caddy")).Append('\n');
        text.Append("\n\thandle {\n\t\tabort\n\t}\n}\n");
        return text.ToString();
    }

    /// <summary>Reads the env file into name/value pairs.</summary>
    public Dictionary<string, string> ReadEnv() =>
        File.ReadAllLines(EnvFile)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
}
