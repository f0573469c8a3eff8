namespace DecentCloud.Application.Prices;

/// <summary>A price source answered, but not with a usable price; the message is the stored reason (no secrets: public endpoints).</summary>
public sealed class PriceSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PriceSourceException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public PriceSourceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public PriceSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
