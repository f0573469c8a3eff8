using System.Text.RegularExpressions;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>One instruction of a Dockerfile: its keyword (upper case), its text, and the build stage it is in.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>
/// The instructions of a Dockerfile, read the way the builder reads them (comment lines dropped, backslash
/// continuations joined), for tests that check what an image would hold without a Docker daemon.
/// </summary>
internal sealed partial class DockerfileText
{
    private DockerfileText(IReadOnlyList<DockerInstruction> instructions) => Instructions = instructions;

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    /// <summary>The index of the last stage: the one the image is made of.</summary>
    public int FinalStage => Instructions.Max(i => i.Stage);

    public static DockerfileText Load(string path)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = pending + line;
            pending = "";
            var match = InstructionPattern().Match(whole);
            if (!match.Success)
            {
                throw new FormatException($"{path}: not an instruction: {whole}");
            }

            var keyword = match.Groups[1].Value.ToUpperInvariant();
            if (keyword == "FROM")
            {
                stage++;
            }

            instructions.Add(new DockerInstruction(keyword, Collapse(match.Groups[2].Value), stage));
        }

        return pending.Length == 0 ? new DockerfileText(instructions) : throw new FormatException($"{path}: ends inside a continued line");
    }

    public IEnumerable<DockerInstruction> All(string keyword, int? stage = null) =>
        Instructions.Where(i => i.Keyword == keyword && (stage is null || i.Stage == stage));

    /// <summary>The name a stage was given with <c>FROM … AS name</c>.</summary>
    public string StageName(int stage)
    {
        var words = Words(All("FROM", stage).Single().Arguments).ToList();
        var alias = words.FindIndex(w => w.Equals("AS", StringComparison.OrdinalIgnoreCase));
        return alias > 0 && alias == words.Count - 2 ? words[^1] : throw new FormatException($"stage {stage} has no name");
    }

    /// <summary>The ENV settings of a stage, in the <c>KEY=VALUE …</c> form (values without spaces or quotes).</summary>
    public IReadOnlyDictionary<string, string> Environment(int stage)
    {
        var env = new Dictionary<string, string>();
        foreach (var word in All("ENV", stage).SelectMany(i => Words(i.Arguments)))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || word.Contains('"', StringComparison.Ordinal) || word.Contains('\'', StringComparison.Ordinal))
            {
                throw new FormatException($"ENV word '{word}' is not KEY=VALUE");
            }

            env[word[..equals]] = word[(equals + 1)..];
        }

        return env;
    }

    /// <summary>Splits on white space; quoting is not supported, so a word with quotes or shell operators is refused by the callers that care.</summary>
    public static IReadOnlyList<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The words of an exec-form (JSON array) instruction such as <c>ENTRYPOINT ["/app/x", "a"]</c>.</summary>
    public static IReadOnlyList<string> ExecForm(string text) =>
        System.Text.Json.JsonSerializer.Deserialize<string[]>(text) ?? throw new FormatException($"not an exec-form array: {text}");

    private static string Collapse(string text) => WhiteSpace().Replace(text, " ").Trim();

    [GeneratedRegex(@"^([A-Za-z]+)\s+(.*)$")]
    private static partial Regex InstructionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
