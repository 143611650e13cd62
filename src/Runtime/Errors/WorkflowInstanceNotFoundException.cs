namespace Workflows;

/// <summary>No instance with the given ID exists in the store.</summary>
public sealed class WorkflowInstanceNotFoundException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowInstanceNotFoundException(string instanceId)
        : base($"Workflow instance '{instanceId}' does not exist. Check the ID, or list instances with WorkflowClient.ListInstancesAsync.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The ID that was looked up.</summary>
    public string InstanceId { get; }
}
