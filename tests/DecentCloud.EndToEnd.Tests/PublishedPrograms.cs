using System.Diagnostics;

namespace DecentCloud.EndToEnd.Tests;

/// <summary>
/// The self-contained publishes, made once for the deployment tests the way the API image's build stage
/// makes them: the files the <c>.dockerignore</c> lets into the build context are copied to a fresh folder
/// (no bin/obj, no .git), and the Dockerfile's own <c>RUN scripts/publish.sh …</c> line runs there with only
/// its output folder moved into that temporary folder. dc-agent is published by the same script beside it.
/// </summary>
public sealed class PublishedPrograms : IAsyncLifetime
{
    /// <summary>The script every publish goes through, relative to the checkout.</summary>
    public const string Script = "scripts/publish.sh";

    private readonly string _dir = Directory.CreateTempSubdirectory("dc-publish-").FullName;

    public static string DockerfilePath => Path.Combine(Programs.Root, "deploy", "api", "Dockerfile");

    /// <summary>The build context as the builder would get it.</summary>
    public string Context => Path.Combine(_dir, "context");

    /// <summary>Where the Dockerfile's publish went; stands for the Dockerfile's own output folder (<see cref="ImageOutput"/>).</summary>
    public string Output => Path.Combine(_dir, "out");

    /// <summary>The output folder named in the Dockerfile's RUN line.</summary>
    public string ImageOutput { get; private set; } = "";

    /// <summary>The RUN line of the Dockerfile's build stage that publishes, word for word.</summary>
    public IReadOnlyList<string> ImageRunWords { get; private set; } = [];

    /// <summary>The words the test ran: <see cref="ImageRunWords"/> with the output folder replaced.</summary>
    public IReadOnlyList<string> RanWords { get; private set; } = [];

    /// <summary>The build context's relative file paths.</summary>
    public IReadOnlyList<string> ContextFiles { get; private set; } = [];

    public string ApiDir => Path.Combine(Output, "api");

    public string AgentDir => Path.Combine(Output, "dc-agent");

    /// <summary>How long the two publishes took (reported by the tests, so CI time stays visible).</summary>
    public TimeSpan Elapsed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        ContextFiles = await CopyBuildContextAsync();

        var dockerfile = DockerfileText.Load(DockerfilePath);
        var run = dockerfile.All("RUN").Where(i => i.Arguments.Contains(Script, StringComparison.Ordinal)).ToList();
        Assert.True(run.Count == 1, $"the Dockerfile should run {Script} exactly once, found {run.Count}");
        ImageRunWords = DockerfileText.Words(run[0].Arguments);
        Assert.DoesNotContain(ImageRunWords, w => w.IndexOfAny(['"', '\'', '&', '|', ';', '$', '`', '<', '>']) >= 0);
        var output = ImageRunWords.ToList().IndexOf("--output");
        Assert.True(output > 0 && output + 1 < ImageRunWords.Count, "the Dockerfile's publish names its --output folder");
        ImageOutput = ImageRunWords[output + 1];
        RanWords = [.. ImageRunWords.Select((w, i) => i == output + 1 ? Output : w)];

        // The RUN line runs in the build stage's WORKDIR, which holds the context (COPY . .).
        await PublishAsync(string.Join(' ', RanWords));
        await PublishAsync($"./{Script} --output {Output} dc-agent");
        Elapsed = watch.Elapsed;
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, true);
        return ValueTask.CompletedTask;
    }

    private async Task PublishAsync(string shellLine)
    {
        var result = await Programs.RunAsync("/bin/sh", ["-c", shellLine], cwd: Context, timeout: TimeSpan.FromMinutes(15));
        Assert.True(result.ExitCode == 0, $"{shellLine}\n{result}");
    }

    /// <summary>
    /// The checkout's files (tracked, and new ones git does not ignore: the builder never sees bin/obj either)
    /// that the .dockerignore lets through, copied with their modes.
    /// </summary>
    private async Task<IReadOnlyList<string>> CopyBuildContextAsync()
    {
        var listed = await Programs.RunAsync(Programs.Tool("git"), ["ls-files", "--cached", "--others", "--exclude-standard"], cwd: Programs.Root);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var ignore = DockerIgnore.Load(Path.Combine(Programs.Root, ".dockerignore"));
        var files = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(f => File.Exists(Path.Combine(Programs.Root, f)) && ignore.Sends(f))
            .ToList();
        foreach (var file in files)
        {
            var target = Path.Combine(Context, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(Programs.Root, file), target);
        }

        return files;
    }
}
