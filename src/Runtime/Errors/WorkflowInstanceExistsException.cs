namespace Workflows;

/// <summary>A start named an instance ID that is already taken.</summary>
public sealed class WorkflowInstanceExistsException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowInstanceExistsException(string instanceId, WorkflowStatus status)
        : base(status.IsTerminal()
            ? $"Workflow instance '{instanceId}' already exists and is {status}. Pass StartWorkflowOptions {{ IdReusePolicy = WorkflowIdReusePolicy.AllowIfTerminal }} to replace it, or choose another ID."
            : $"Workflow instance '{instanceId}' already exists and is {status}; a running instance cannot be replaced. Wait for it, cancel or terminate it, or choose another ID.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>Creates the exception with a message of its own.</summary>
    public WorkflowInstanceExistsException(string instanceId, WorkflowStatus status, string message)
        : base(message)
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The ID that is taken.</summary>
    public string InstanceId { get; }

    /// <summary>The status of the existing instance.</summary>
    public WorkflowStatus Status { get; }
}
