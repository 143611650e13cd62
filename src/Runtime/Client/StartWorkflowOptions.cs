namespace Workflows;

/// <summary>Options of a workflow start.</summary>
public sealed record StartWorkflowOptions
{
    /// <summary>The instance ID; null for a generated one.</summary>
    public string? InstanceId { get; init; }

    /// <summary>What to do when the ID is taken. Default <see cref="WorkflowIdReusePolicy.Reject"/>.</summary>
    public WorkflowIdReusePolicy IdReusePolicy { get; init; } = WorkflowIdReusePolicy.Reject;
}
