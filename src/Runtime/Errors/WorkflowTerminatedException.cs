namespace Workflows;

/// <summary>The instance was terminated: its workflow code was stopped without a chance to clean up.</summary>
public sealed class WorkflowTerminatedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowTerminatedException(string instanceId, string? reason)
        : base($"Workflow instance '{instanceId}' was terminated{(reason is null ? "" : $": {reason}")}.")
    {
        InstanceId = instanceId;
        Reason = reason;
    }

    /// <summary>The terminated instance.</summary>
    public string InstanceId { get; }

    /// <summary>The reason given with the termination.</summary>
    public string? Reason { get; }
}
