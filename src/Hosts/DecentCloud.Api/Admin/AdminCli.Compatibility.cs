using DecentCloud.Domain.Common;
using FluentResults;
using Mediator;

namespace DecentCloud.Api.Admin;

/// <summary>
/// The helpers verb files written before the per-feature split use (<c>partial class AdminCli</c> with
/// <c>WithPlatformAsync(stderr, mediator => …)</c>, <c>Fail(stderr, result)</c>, <c>ReadEnvironment()</c>), so such a file still compiles;
/// new verbs use <see cref="AdminContext"/>.
/// </summary>
internal static partial class AdminCli
{
    /// <summary>Runs <paramref name="action"/> with the use cases of the platform (see <see cref="AdminContext.WithPlatformAsync"/>).</summary>
    internal static Task<int> WithPlatformAsync(TextWriter stderr, Func<IMediator, Task<int>> action, CancellationToken cancellationToken) =>
        AdminContext.WithPlatformAsync(stderr, services => action(services.GetRequiredService<IMediator>()), cancellationToken);

    /// <summary>Reports a failed result as one line on <paramref name="stderr"/>; exit code 2 for invalid input, 1 otherwise.</summary>
    internal static int Fail(TextWriter stderr, IResultBase result)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var error = result.FirstDomainError();
        stderr.WriteLine($"error: {error.Message} ({error.Code})");
        return error.Kind == ErrorKind.Validation ? 2 : 1;
    }

    /// <summary>The configuration the server would read (see <see cref="AdminContext.ReadConfiguration"/>).</summary>
    internal static IConfiguration ReadEnvironment() => AdminContext.ReadConfiguration();
}
