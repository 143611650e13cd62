namespace Workflows;

/// <summary>Base type of every exception this library throws on purpose.</summary>
public class WorkflowException : Exception
{
    /// <summary>Creates the exception with a message that says what happened and what to do.</summary>
    public WorkflowException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public WorkflowException(string message, Exception? innerException) : base(message, innerException) { }
}
