namespace Workflows;

/// <summary>
/// Thrown by workflow code (<c>throw Workflow.ContinueAsNew(input);</c>) to end the current execution and start the
/// next one with new input. The engine handles it; do not catch it in workflow code.
/// </summary>
public sealed class ContinueAsNewException : WorkflowException
{
    internal ContinueAsNewException(string instanceId, int execution, object? input)
        : base($"Workflow instance '{instanceId}' continues as new after execution {execution}. The engine handles this exception; workflow code should let it pass.")
    {
        Input = input;
    }

    /// <summary>The next execution's input.</summary>
    public object? Input { get; }
}
