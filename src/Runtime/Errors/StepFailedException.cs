namespace Workflows;

/// <summary>
/// A step failed for good (a non-retryable error, or its attempts ran out). Workflow code sees the same
/// exception live and on replay, built from the journaled error, so it can branch on <see cref="ErrorType"/>.
/// </summary>
public sealed class StepFailedException : WorkflowException
{
    /// <summary>Creates the exception from a recorded failure.</summary>
    public StepFailedException(string instanceId, string operationId, int attempts, WorkflowError error)
        : base($"Step '{operationId}' of workflow instance '{instanceId}' failed after {attempts} attempt(s): {error.Type}: {error.Message}")
    {
        InstanceId = instanceId;
        OperationId = operationId;
        Attempts = attempts;
        Error = error;
    }

    /// <summary>The instance the step belongs to.</summary>
    public string InstanceId { get; }

    /// <summary>The step's operation ID, e.g. <c>/Charge#1</c>.</summary>
    public string OperationId { get; }

    /// <summary>How many attempts ran before the step was given up.</summary>
    public int Attempts { get; }

    /// <summary>The recorded error of the last attempt.</summary>
    public WorkflowError Error { get; }

    /// <summary>The full name of the exception type the last attempt threw.</summary>
    public string ErrorType => Error.Type;
}
