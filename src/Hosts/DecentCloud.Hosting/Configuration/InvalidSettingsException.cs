namespace DecentCloud.Hosting.Configuration;

/// <summary>A setting is missing or wrong; the message names the variable or key and what is expected.</summary>
public sealed class InvalidSettingsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InvalidSettingsException()
    {
    }

    /// <summary>Creates the exception with a message naming the setting.</summary>
    public InvalidSettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message naming the setting and the binder's fault.</summary>
    public InvalidSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
