using System.Text;
using System.Text.RegularExpressions;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// The rules of a <c>.dockerignore</c>, applied as the builder applies them: patterns in order, the last one
/// that matches a path (or a folder above it) decides, <c>!</c> brings a path back; <c>*</c> and <c>?</c>
/// stay inside one path segment, <c>**</c> spans any number of them.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Include)> _rules = [];

    private DockerIgnore()
    {
    }

    public static DockerIgnore Load(string path)
    {
        var ignore = new DockerIgnore();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var include = line.StartsWith('!');
            var pattern = (include ? line[1..] : line).Trim().Trim('/');
            if (pattern.IndexOfAny(['[', '\\']) >= 0)
            {
                throw new FormatException($"{path}: character classes and escapes are not supported here: {line}");
            }

            ignore._rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), include));
        }

        return ignore;
    }

    /// <summary>Whether a file (path relative to the context root, '/'-separated) is sent to the builder.</summary>
    public bool Sends(string relativePath)
    {
        var candidates = Ancestors(relativePath).ToList();
        var sent = true;
        foreach (var (pattern, include) in _rules)
        {
            if (candidates.Exists(pattern.IsMatch))
            {
                sent = include;
            }
        }

        return sent;
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }

        yield return path;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches zero or more whole segments; a bare "**" anything.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return regex.ToString();
    }
}
