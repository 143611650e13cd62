namespace Workflows;

/// <summary>The workflow method threw; the instance ended <see cref="WorkflowStatus.Failed"/> with this error.</summary>
public sealed class WorkflowFailedException : WorkflowException
{
    /// <summary>Creates the exception from the recorded failure.</summary>
    public WorkflowFailedException(string instanceId, WorkflowError error)
        : base($"Workflow instance '{instanceId}' failed: {error.Type}: {error.Message}")
    {
        InstanceId = instanceId;
        Error = error;
    }

    /// <summary>The failed instance.</summary>
    public string InstanceId { get; }

    /// <summary>The recorded error.</summary>
    public WorkflowError Error { get; }
}
