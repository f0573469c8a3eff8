using DecentCloud.Agent.Common;
using DecentCloud.Agent.Setup;
using DecentCloud.Application.ProviderAgent.Gateway;

namespace DecentCloud.Agent.Gateway;

/// <summary>
/// <see cref="IGatewaySites"/> with Caddy: one <c>sites/{slug}.caddy</c> per VM, imported inside the wildcard site of
/// <c>*.{gatewayName}</c>. Only files named six [a-z0-9] plus <c>.caddy</c> are dc-agent's; any other file in the sites
/// folder is the operator's and is never changed or deleted. The first apply of an instance reloads even when no file
/// changes; later ones reload only when a file changed.
/// </summary>
internal sealed class CaddySites : IGatewaySites, IDisposable
{
    private readonly CaddyFiles files;
    private readonly string gatewayName;
    private readonly CaddyReloader reloader;

    // The provisioning loop and reconcile may apply at the same time; the snapshot/restore below needs them one at a time.
    private readonly SemaphoreSlim applying = new(1, 1);

    // Whether the running Caddy is known to serve the files as they are. Not at first: an agent stopped between writing
    // files and reloading would otherwise find nothing to change and never reload, so the first apply always reloads.
    private bool inSync;

    /// <summary>Creates the sites writer for the gateway <paramref name="gatewayName"/> (<c>{dc_id}.{gw_prefix}.{domain}</c>).</summary>
    public CaddySites(CaddyFiles files, string gatewayName, CaddyOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        if (files.FolderProblem() is { } problem)
        {
            throw new InvalidDataException(problem);
        }

        options.EnsureValid();
        var labels = (gatewayName ?? string.Empty).Split('.');
        if (labels.Length < 3 || labels.Any(l => l.Length is 0 or > 63 || !l.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')))
        {
            throw new ArgumentException($"gateway name '{gatewayName}' must be {{dc_id}}.{{gw_prefix}}.{{domain}} in lower case.", nameof(gatewayName));
        }

        this.files = files;
        this.gatewayName = gatewayName!;
        reloader = new CaddyReloader(files, options);
    }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyCollection<VmSite> sites, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sites);

        // Everything is rendered (and so checked) before any file is touched.
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var site in sites)
        {
            var snippet = CaddySiteSnippet.Render(site, gatewayName);
            if (!wanted.TryAdd(CaddySiteSnippet.FileName(site.Slug), snippet))
            {
                throw new GatewayException($"site slug '{site.Slug}' appears twice.");
            }
        }

        await applying.WaitAsync(cancellationToken);
        try
        {
            var changes = new SiteChanges(files.SitesDir);
            changes.Plan(wanted);
            if (changes.IsEmpty && inSync)
            {
                return;
            }

            inSync = false;
            try
            {
                changes.Apply();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                changes.Restore();
                throw new GatewayException($"the site files could not be written in {files.SitesDir}: {ex.Message}; the previous files are back.", ex);
            }

            string? failure;
            try
            {
                failure = await reloader.ReloadAsync(cancellationToken);
            }
            catch
            {
                // Cancelled or broken mid-reload: files Caddy may not have taken must not look applied to the next round.
                changes.Restore();
                throw;
            }

            if (failure is not null)
            {
                changes.Restore();
                throw new GatewayException($"{failure}; the previous site files are back.");
            }

            inSync = true;
        }
        finally
        {
            applying.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => applying.Dispose();

    /// <summary>The planned writes and deletions of one apply, with what each file held before so they can be undone.</summary>
    private sealed class SiteChanges(string sitesDir)
    {
        private readonly Dictionary<string, string> writes = new(StringComparer.Ordinal);
        private readonly List<string> deletions = [];
        private readonly Dictionary<string, (string Content, UnixFileMode Mode)> before = new(StringComparer.Ordinal);
        private readonly List<string> touched = [];

        public bool IsEmpty => writes.Count == 0 && deletions.Count == 0;

        public void Plan(Dictionary<string, string> wanted)
        {
            var existing = Directory.Exists(sitesDir)
                ? Directory.EnumerateFiles(sitesDir).Select(Path.GetFileName).OfType<string>().Where(CaddySiteSnippet.IsSiteFileName).ToList()
                : [];
            foreach (var name in existing)
            {
                var path = Path.Combine(sitesDir, name);
                before[name] = (File.ReadAllText(path), File.GetUnixFileMode(path));
                if (!wanted.ContainsKey(name))
                {
                    deletions.Add(name);
                }
            }

            foreach (var (name, content) in wanted)
            {
                if (!before.TryGetValue(name, out var old) || old.Content != content)
                {
                    writes[name] = content;
                }
            }
        }

        public void Apply()
        {
            if (!Directory.Exists(sitesDir))
            {
                Directory.CreateDirectory(sitesDir);
                File.SetUnixFileMode(sitesDir, SafeFile.Mode750);
            }

            foreach (var (name, content) in writes)
            {
                touched.Add(name);
                SafeFile.WriteAtomically(Path.Combine(sitesDir, name), content, SafeFile.Mode640);
            }

            foreach (var name in deletions)
            {
                touched.Add(name);
                File.Delete(Path.Combine(sitesDir, name));
            }
        }

        // Puts every touched file back: old content and mode where there was a file, no file where there was none.
        public void Restore()
        {
            foreach (var name in touched)
            {
                var path = Path.Combine(sitesDir, name);
                if (before.TryGetValue(name, out var old))
                {
                    SafeFile.WriteAtomically(path, old.Content, old.Mode);
                }
                else
                {
                    File.Delete(path);
                }
            }
        }
    }
}
