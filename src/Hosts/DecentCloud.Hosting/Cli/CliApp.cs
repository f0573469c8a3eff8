using System.CommandLine;
using DecentCloud.Hosting.Configuration;

namespace DecentCloud.Hosting.Cli;

/// <summary>
/// A command-line program: System.CommandLine for parsing, a global <c>--json</c> option, and one rule for errors —
/// one clear line on stderr and a non-zero exit (2 for usage and settings errors, 1 otherwise), never a stack trace.
/// </summary>
public sealed class CliApp
{
    /// <summary>Creates the program with its root description.</summary>
    public CliApp(string description, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        Console = console;
        Root = new RootCommand(description);
        Root.Options.Add(Json);
    }

    /// <summary>The root command; add verbs (or groups of verbs) to it.</summary>
    public RootCommand Root { get; }

    /// <summary>Where output goes.</summary>
    public CliConsole Console { get; }

    /// <summary><c>--json</c>: machine-readable output; given on any verb.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON instead of a table or text.", Recursive = true };

    /// <summary>
    /// Makes <paramref name="action"/> the body of <paramref name="command"/>. Settings errors
    /// (<see cref="InvalidSettingsException"/>) end with exit code 2, any other exception with 1, each as one line.
    /// </summary>
    public void SetAction(Command command, Func<ParseResult, CliOutput, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (parse, ct) =>
        {
            var output = new CliOutput(Console, parse.GetValue(Json));
            try
            {
                return await action(parse, output, ct);
            }
            catch (InvalidSettingsException ex)
            {
                return output.Fail(ex.Message, 2);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return output.Fail(ex.Message, 1);
            }
        });
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen verb; a usage error is one line and exit code 2.</summary>
    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        var parsed = Root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var output = new CliOutput(Console, json: false);
            // Every problem on the one line: "bogus" alone would otherwise show only as "required command not provided".
            var problems = string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')).Distinct(StringComparer.Ordinal));
            return output.Fail($"{problems} (see --help)", 2);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = Console.Error }, cancellationToken);
    }
}
