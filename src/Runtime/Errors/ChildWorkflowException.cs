namespace Workflows;

/// <summary>
/// A child workflow could not start or did not complete: it failed, was cancelled or terminated, or its instance ID
/// is held by an instance that is not this parent's child. Thrown to the parent at the call, live and on replay.
/// </summary>
public sealed class ChildWorkflowException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public ChildWorkflowException(string parentInstanceId, string operationId, string childInstanceId, WorkflowError error)
        : base($"Child workflow '{childInstanceId}' of instance '{parentInstanceId}' ({operationId}) did not complete: {error.Type}: {error.Message}")
    {
        ParentInstanceId = parentInstanceId;
        OperationId = operationId;
        ChildInstanceId = childInstanceId;
        Error = error;
    }

    /// <summary>The calling instance.</summary>
    public string ParentInstanceId { get; }

    /// <summary>The call's operation ID in the parent.</summary>
    public string OperationId { get; }

    /// <summary>The child's instance ID.</summary>
    public string ChildInstanceId { get; }

    /// <summary>Why the child did not complete.</summary>
    public WorkflowError Error { get; }
}
