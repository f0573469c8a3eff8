using System.CommandLine;
using System.Text.Json;
using DecentCloud.Hosting.Cli;
using DecentCloud.Hosting.Configuration;

namespace DecentCloud.Hosting.Tests;

public sealed class CliAppTests : IDisposable
{
    private sealed record Row(string Name, int Size, string? Note);

    private static readonly CliColumn<Row>[] Columns =
    [
        new("NAME", r => r.Name),
        new("SIZE", r => r.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("NOTE", r => r.Note ?? "-"),
    ];

    private static readonly Row[] Rows = [new("alpha", 1, null), new("beta\tgamma", 22, "two words")];

    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        _out.Dispose();
        _err.Dispose();
    }

    private CliApp App(bool terminal = false, Func<ParseResult, CliOutput, CancellationToken, Task<int>>? action = null)
    {
        var app = new CliApp("test program", new CliConsole(_out, _err, terminal, Width: 80));
        var list = new Command("list", "Lists rows.");
        app.SetAction(list, action ?? (async (_, output, _) =>
        {
            await output.WriteListAsync(Rows, Columns);
            return 0;
        }));
        var name = new Option<string>("--name") { Required = true };
        var show = new Command("show", "Shows one row.") { name };
        app.SetAction(show, async (parse, output, _) =>
        {
            await output.WriteResultAsync(new { name = parse.GetValue(name), size = 3 }, $"row {parse.GetValue(name)}");
            return 0;
        });
        app.Root.Subcommands.Add(list);
        app.Root.Subcommands.Add(show);
        return app;
    }

    [Fact]
    public async Task Piped_lists_are_tab_separated_with_a_header()
    {
        Assert.Equal(0, await App().RunAsync(["list"], TestContext.Current.CancellationToken));
        Assert.Equal("NAME\tSIZE\tNOTE\nalpha\t1\t-\nbeta gamma\t22\ttwo words\n", _out.ToString());
        Assert.Empty(_err.ToString());
    }

    [Fact]
    public async Task On_a_terminal_lists_are_a_table()
    {
        Assert.Equal(0, await App(terminal: true).RunAsync(["list"], TestContext.Current.CancellationToken));
        var lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("╭", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^│ NAME\s+│ SIZE │ NOTE\s+│$", lines[1]);
        Assert.Matches(@"^│ alpha\s+│ 1\s+│ -\s+│$", lines[3]);
        Assert.Matches(@"^│ beta\s+gamma\s+│ 22\s+│ two words │$", lines[4]);
        Assert.StartsWith("╰", lines[5], StringComparison.Ordinal);
        Assert.Contains("2 rows", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_json_lists_are_a_json_array_of_the_rows()
    {
        Assert.Equal(0, await App(terminal: true).RunAsync(["list", "--json"], TestContext.Current.CancellationToken));
        using var json = JsonDocument.Parse(_out.ToString());
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        var second = json.RootElement[1];
        Assert.Equal(("beta\tgamma", 22, "two words"), (second.GetProperty("name").GetString(), second.GetProperty("size").GetInt32(), second.GetProperty("note").GetString()));
        Assert.Equal(JsonValueKind.Null, json.RootElement[0].GetProperty("note").ValueKind);
    }

    [Fact]
    public async Task Single_results_are_text_or_json()
    {
        Assert.Equal(0, await App().RunAsync(["show", "--name", "x"], TestContext.Current.CancellationToken));
        Assert.Equal("row x\n", _out.ToString());
        _out.GetStringBuilder().Clear();
        Assert.Equal(0, await App().RunAsync(["--json", "show", "--name", "y"], TestContext.Current.CancellationToken));
        using var json = JsonDocument.Parse(_out.ToString());
        Assert.Equal(("y", 3), (json.RootElement.GetProperty("name").GetString(), json.RootElement.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task A_usage_error_is_one_line_on_stderr_and_exit_code_2()
    {
        Assert.Equal(2, await App().RunAsync(["show"], TestContext.Current.CancellationToken));
        Assert.Empty(_out.ToString());
        var error = Assert.Single(_err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("--name", error, StringComparison.Ordinal);
        Assert.EndsWith("(see --help)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_error_is_one_line_and_exit_code_2()
    {
        var app = App(action: (_, _, _) => throw new InvalidSettingsException("DC_LIMIT must be a positive whole number, not 'x'."));
        Assert.Equal(2, await app.RunAsync(["list"], TestContext.Current.CancellationToken));
        Assert.Empty(_out.ToString());
        Assert.Equal("error: DC_LIMIT must be a positive whole number, not 'x'.\n", _err.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Any_other_fault_is_one_line_and_exit_code_1_with_nothing_half_written()
    {
        var app = App(action: async (_, output, _) =>
        {
            // The second row's cell fails after the header and the first row are rendered: none of it may reach stdout.
            CliColumn<Row>[] failing = [Columns[0], new("SIZE", r => r.Size > 10 ? throw new IOException("disk gone\nat line 2") : "1")];
            await output.WriteListAsync(Rows, failing);
            return 0;
        });
        Assert.Equal(1, await app.RunAsync(["list"], TestContext.Current.CancellationToken));
        Assert.Empty(_out.ToString());
        Assert.Equal("error: disk gone at line 2\n", _err.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Every_usage_problem_is_named_on_the_one_line()
    {
        Assert.Equal(2, await App().RunAsync(["bogus"], TestContext.Current.CancellationToken));
        Assert.Empty(_out.ToString());
        var error = Assert.Single(_err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'bogus'", error, StringComparison.Ordinal);
    }
}
