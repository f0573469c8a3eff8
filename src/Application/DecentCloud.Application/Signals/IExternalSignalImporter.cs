using DecentCloud.Domain.Trust;

namespace DecentCloud.Application.Signals;

/// <summary>Reads one format of public listing (an adapter per format).</summary>
public interface IExternalSignalImporter
{
    /// <summary>The format it reads (<see cref="ExternalSignalSourceOptions.Format"/>).</summary>
    string Format { get; }

    /// <summary>
    /// Reads the listing of <paramref name="source"/>. Throws <see cref="ExternalSignalFormatException"/> naming the
    /// field when the listing's structure is not the published one (never an empty result for a changed page), and
    /// <see cref="HttpRequestException"/> or a timeout when it cannot be read.
    /// </summary>
    Task<IReadOnlyList<ExternalSignal>> ImportAsync(ExternalSignalSourceOptions source, CancellationToken cancellationToken);
}

/// <summary>A listing no longer has the structure its importer knows: the message names what is missing or changed.</summary>
public sealed class ExternalSignalFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExternalSignalFormatException()
    {
    }

    /// <summary>Creates the exception with what changed.</summary>
    public ExternalSignalFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with what changed and the underlying failure.</summary>
    public ExternalSignalFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
