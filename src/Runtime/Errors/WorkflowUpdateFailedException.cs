namespace Workflows;

/// <summary>An accepted update's handler threw (its failure is journaled), or the instance ended before the update finished.</summary>
public sealed class WorkflowUpdateFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowUpdateFailedException(string instanceId, string updateName, string updateId, WorkflowError error)
        : base($"Update '{updateName}' ({updateId}) of workflow instance '{instanceId}' failed: {error?.Type}: {error?.Message}")
    {
        InstanceId = instanceId;
        UpdateName = updateName;
        UpdateId = updateId;
        Error = error!;
    }

    /// <summary>The instance the update was sent to.</summary>
    public string InstanceId { get; }

    /// <summary>The update.</summary>
    public string UpdateName { get; }

    /// <summary>The ID of this request.</summary>
    public string UpdateId { get; }

    /// <summary>What failed.</summary>
    public WorkflowError Error { get; }
}
