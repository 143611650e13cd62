namespace Workflows;

/// <summary>An update's validator rejected the request; nothing was written and the instance goes on unchanged.</summary>
public sealed class WorkflowUpdateRejectedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowUpdateRejectedException(string instanceId, string updateName, Exception reason)
        : base($"Update '{updateName}' of workflow instance '{instanceId}' was rejected by its validator: {reason?.Message}", reason)
    {
        InstanceId = instanceId;
        UpdateName = updateName;
    }

    /// <summary>The instance the update was sent to.</summary>
    public string InstanceId { get; }

    /// <summary>The update.</summary>
    public string UpdateName { get; }
}
