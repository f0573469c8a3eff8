using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DecentCloud.Hosting.Cli;

/// <summary>
/// How one command invocation writes. Lists: a JSON array with <c>--json</c>, a table on a terminal, tab-separated
/// lines (header first) when piped. Each output is rendered whole before the first byte is written, so a failure
/// never leaves half a result on stdout.
/// </summary>
public sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly CliConsole _console;

    /// <summary>Creates the output of one invocation.</summary>
    public CliOutput(CliConsole console, bool json)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        Json = json;
    }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>Results (stdout).</summary>
    public TextWriter Out => _console.Out;

    /// <summary>Errors and notes (stderr).</summary>
    public TextWriter Error => _console.Error;

    /// <summary>Writes <paramref name="rows"/>: JSON (each row serialised as it is), a table, or tab-separated lines.</summary>
    public async Task WriteListAsync<T>(IReadOnlyCollection<T> rows, IReadOnlyList<CliColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        string text;
        if (Json)
        {
            text = JsonSerializer.Serialize(rows, JsonOptions) + "\n";
        }
        else if (_console.OutIsTerminal)
        {
            text = RenderTable(rows, columns);
        }
        else
        {
            text = string.Concat(
                new[] { string.Join('\t', columns.Select(c => c.Header)) }
                    .Concat(rows.Select(row => string.Join('\t', columns.Select(c => Clean(c.Value(row))))))
                    .Select(line => line + "\n"));
        }

        await Out.WriteAsync(text);
        await Out.FlushAsync();
    }

    /// <summary>Writes one result: <paramref name="value"/> as JSON with <c>--json</c>, otherwise <paramref name="text"/> as a line.</summary>
    public async Task WriteResultAsync<T>(T value, string text)
    {
        await Out.WriteAsync(Json ? JsonSerializer.Serialize(value, JsonOptions) + "\n" : text + "\n");
        await Out.FlushAsync();
    }

    /// <summary>Writes <c>error: message</c> as one line on stderr and returns <paramref name="exitCode"/>.</summary>
    public int Fail(string message, int exitCode = 1)
    {
        ArgumentNullException.ThrowIfNull(message);
        Error.WriteLine($"error: {OneLine(message)}");
        return exitCode;
    }

    /// <summary>The table form of <paramref name="rows"/>, as drawn on a terminal.</summary>
    public string RenderTable<T>(IReadOnlyCollection<T> rows, IReadOnlyList<CliColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        using var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
        });
        console.Profile.Width = _console.Width;
        console.Profile.Capabilities.Unicode = _console.Unicode;
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column.Header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => (IRenderable)new Text(c.Value(row))).ToArray());
        }

        table.Caption(rows.Count == 1 ? "1 row" : $"{rows.Count} rows");
        console.Write(table);
        return buffer.ToString();
    }

    private static string Clean(string value) => value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
