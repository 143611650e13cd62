namespace Workflows;

/// <summary>
/// A resumed instance's workflow code no longer makes the durable calls its journal was recorded with: a call site
/// at or before the point the instance reached was removed, reordered or renamed. Detected before any replay; the
/// instance is left untouched and resumes once the previous code (or a compatible change) is deployed.
/// </summary>
public sealed class WorkflowVersionMismatchException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowVersionMismatchException(string instanceId, string workflowName, WorkflowCallSite? recorded, WorkflowCallSite? current)
        : this(instanceId, workflowName, recorded, current, hint: null)
    {
    }

    /// <summary>Creates the exception, with <paramref name="hint"/> on what to do appended to its message.</summary>
    public WorkflowVersionMismatchException(string instanceId, string workflowName, WorkflowCallSite? recorded, WorkflowCallSite? current, string? hint)
        : base($"Workflow instance '{instanceId}' ({workflowName}) was recorded with durable call '{recorded?.ToString() ?? "(none)"}' " +
               $"where the current code has '{current?.ToString() ?? "(none)"}', at or before the point its journal reached. " +
               "Only calls appended after that point are compatible. The instance was left as it is: deploy the previous " +
               "version (or keep the old calls and add new ones after them, or guard the change with Workflow.Patched) and restart to resume it." +
               (hint is null ? "" : " " + hint))
    {
        InstanceId = instanceId;
        WorkflowName = workflowName;
        RecordedCallSite = recorded;
        CurrentCallSite = current;
    }

    /// <summary>The instance that cannot resume.</summary>
    public string InstanceId { get; }

    /// <summary>Its workflow name.</summary>
    public string WorkflowName { get; }

    /// <summary>The first call site the instance was recorded with that the code no longer has in that place.</summary>
    public WorkflowCallSite? RecordedCallSite { get; }

    /// <summary>What the code has at that place now, if anything.</summary>
    public WorkflowCallSite? CurrentCallSite { get; }
}
