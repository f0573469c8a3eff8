namespace DecentCloud.EndToEnd.Tests;

/// <summary>The settings of a systemd unit file, read as <c>[Section]</c> and <c>Key=Value</c> lines (repeated keys kept in order).</summary>
internal sealed class SystemdUnit
{
    private readonly List<(string Section, string Key, string Value)> _settings = [];

    private SystemdUnit(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }

    public static SystemdUnit Load(string path)
    {
        var unit = new SystemdUnit(path, File.ReadAllText(path));
        var section = "";
        foreach (var raw in unit.Text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1];
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || section.Length == 0)
            {
                throw new FormatException($"{path}: not a setting: {line}");
            }

            unit._settings.Add((section, line[..equals].Trim(), line[(equals + 1)..].Trim()));
        }

        return unit;
    }

    public IReadOnlyList<string> All(string section, string key) =>
        [.. _settings.Where(s => s.Section == section && s.Key == key).Select(s => s.Value)];

    /// <summary>The one value of a key (systemd takes the last, but a unit here sets each key once).</summary>
    public string Single(string section, string key) => All(section, key) switch
    {
        [var value] => value,
        var values => throw new InvalidOperationException($"{Path}: [{section}] {key} is set {values.Count} times"),
    };

    /// <summary>The program <c>ExecStart=</c> runs.</summary>
    public string ExecStartProgram => DockerfileText.Words(Single("Service", "ExecStart"))[0];
}
