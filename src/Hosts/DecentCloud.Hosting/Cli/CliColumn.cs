namespace DecentCloud.Hosting.Cli;

/// <summary>One column of a list verb's output: its header and how a row shows in it.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Header">The header (upper case, as scripts read it from the tab-separated form).</param>
/// <param name="Value">The cell text of a row.</param>
public sealed record CliColumn<T>(string Header, Func<T, string> Value);
