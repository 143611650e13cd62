namespace Workflows;

/// <summary>The instance was cancelled on request and its workflow code gave up; it ended <see cref="WorkflowStatus.Canceled"/>.</summary>
public sealed class WorkflowCanceledException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowCanceledException(string instanceId, string? reason)
        : base($"Workflow instance '{instanceId}' was cancelled{(reason is null ? "" : $": {reason}")}.")
    {
        InstanceId = instanceId;
        Reason = reason;
    }

    /// <summary>The cancelled instance.</summary>
    public string InstanceId { get; }

    /// <summary>The reason given with the cancellation request.</summary>
    public string? Reason { get; }
}
