namespace Workflows;

/// <summary>The instance ran past its execution or run timeout; it ended <see cref="WorkflowStatus.TimedOut"/>.</summary>
public sealed class WorkflowTimedOutException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowTimedOutException(string instanceId, string? reason)
        : base($"Workflow instance '{instanceId}' timed out{(reason is null ? "" : $": {reason}")}.")
    {
        InstanceId = instanceId;
        Reason = reason;
    }

    /// <summary>The instance that timed out.</summary>
    public string InstanceId { get; }

    /// <summary>Which timeout passed.</summary>
    public string? Reason { get; }
}
