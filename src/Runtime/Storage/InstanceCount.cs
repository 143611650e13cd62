namespace Workflows.Storage;

/// <summary>The number of instances of one workflow in one status.</summary>
/// <param name="WorkflowName">The workflow.</param>
/// <param name="Status">The status.</param>
/// <param name="Count">How many instances.</param>
public sealed record InstanceCount(string WorkflowName, WorkflowStatus Status, int Count);
