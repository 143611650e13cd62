namespace Workflows;

/// <summary>A workflow name was used that no registration provides.</summary>
public sealed class WorkflowNotRegisteredException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowNotRegisteredException(string workflowName, string? instanceId, IEnumerable<string> registered)
        : base($"No workflow named '{workflowName}' is registered{(instanceId is null ? "" : $" (needed by instance '{instanceId}')")}. " +
               $"Registered: [{string.Join(", ", registered.Order(StringComparer.Ordinal))}]. Mark the method [Workflow] in a project that references Workflows (the generator registers it), or add it to WorkflowEngineOptions.Workflows.")
    {
        WorkflowName = workflowName;
        InstanceId = instanceId;
    }

    /// <summary>The name that was not found.</summary>
    public string WorkflowName { get; }

    /// <summary>The instance that needs the workflow, when the lookup was for resuming one.</summary>
    public string? InstanceId { get; }
}
