namespace Workflows;

/// <summary>Workflow code inside a scope (or a fan-out item) threw; the failure is recorded and thrown again on replay.</summary>
public sealed class ScopeFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public ScopeFailedException(string instanceId, string operationId, WorkflowError error)
        : base($"Scope '{operationId}' of workflow instance '{instanceId}' failed: {error.Type}: {error.Message}")
    {
        InstanceId = instanceId;
        OperationId = operationId;
        Error = error;
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The scope's operation ID.</summary>
    public string OperationId { get; }

    /// <summary>What the scope's code threw.</summary>
    public WorkflowError Error { get; }
}
