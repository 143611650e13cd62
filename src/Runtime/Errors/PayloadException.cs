namespace Workflows;

/// <summary>
/// A value could not be stored: it does not serialize, or it is larger than the configured limit. Detected before
/// anything is written, and never retried: a step whose result fails this way fails at once.
/// </summary>
public sealed class PayloadException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public PayloadException(string message, Exception? innerException = null) : base(message, innerException) { }
}
