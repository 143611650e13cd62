namespace Workflows;

/// <summary>
/// A child workflow started with <see cref="Workflow.StartChildWorkflowAsync{TInput}"/>: it durably exists and runs
/// on its own. Reach it by <see cref="InstanceId"/> — raise events to it with <see cref="Workflow.RaiseEventAsync{T}"/>
/// from workflow code, or query, signal and await it through a client from elsewhere.
/// </summary>
public sealed class ChildWorkflowHandle
{
    internal ChildWorkflowHandle(string instanceId, string workflowName)
    {
        InstanceId = instanceId;
        WorkflowName = workflowName;
    }

    /// <summary>The child's instance ID: derived from the parent's (<c>{parent}::sub::{execution}:{operation}</c>) unless one was passed.</summary>
    public string InstanceId { get; }

    /// <summary>The child's durable workflow name.</summary>
    public string WorkflowName { get; }

    /// <inheritdoc />
    public override string ToString() => $"{WorkflowName} '{InstanceId}'";
}
