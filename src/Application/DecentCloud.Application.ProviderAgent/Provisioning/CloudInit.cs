using System.Text;

namespace DecentCloud.Application.ProviderAgent.Provisioning;

/// <summary>The cloud-config user data that sets the login password and keys on first boot, for backends without native fields.</summary>
public static class CloudInit
{
    /// <summary>A <c>#cloud-config</c> document: the user, its password (never expiring), the SSH keys, and the post-provision script.</summary>
    public static string UserData(ProvisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder("#cloud-config\n");
        text.Append("ssh_pwauth: true\n");
        text.Append("chpasswd:\n  expire: false\n  users:\n");
        text.Append("    - name: ").Append(Quote(request.LoginUser)).Append("\n      password: ").Append(Quote(request.Password)).Append("\n      type: text\n");
        if (request.LoginUser != "root")
        {
            text.Append("users:\n  - default\n  - name: ").Append(Quote(request.LoginUser)).Append("\n    sudo: ALL=(ALL) NOPASSWD:ALL\n    shell: /bin/bash\n    lock_passwd: false\n");
            AppendKeys(text, request.SshPublicKeys, "    ");
        }
        else
        {
            AppendKeys(text, request.SshPublicKeys, string.Empty);
        }

        if (!string.IsNullOrWhiteSpace(request.PostProvisionScript))
        {
            text.Append("runcmd:\n  - [ bash, -c, ").Append(Quote(request.PostProvisionScript)).Append(" ]\n");
        }

        return text.ToString();
    }

    private static void AppendKeys(StringBuilder text, IReadOnlyList<string> keys, string indent)
    {
        if (keys.Count == 0)
        {
            return;
        }

        text.Append(indent).Append("ssh_authorized_keys:\n");
        foreach (var key in keys)
        {
            text.Append(indent).Append("  - ").Append(Quote(key)).Append('\n');
        }
    }

    // YAML double-quoted scalar: backslashes, quotes and control characters escaped.
    private static string Quote(string value)
    {
        var escaped = new StringBuilder("\"");
        foreach (var c in value)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return escaped.Append('"').ToString();
    }
}
