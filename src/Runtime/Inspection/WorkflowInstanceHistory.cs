namespace Workflows;

/// <summary>An instance and the operation tree of one of its executions, as <see cref="IWorkflowInspector.GetHistoryAsync"/> read it.</summary>
public sealed record WorkflowInstanceHistory
{
    /// <summary>The instance.</summary>
    public required WorkflowInstanceInfo Instance { get; init; }

    /// <summary>The execution these operations belong to (1 unless the instance continued as new).</summary>
    public required int Execution { get; init; }

    /// <summary>The top-level operations in recorded order, each with the operations inside it.</summary>
    public required IReadOnlyList<WorkflowOperation> Operations { get; init; }

    /// <summary>The child instances of this execution (from child workflow calls and child starts).</summary>
    public IReadOnlyList<WorkflowInstanceInfo> Children { get; init; } = [];

    /// <summary>Every operation of the tree, depth first.</summary>
    public IEnumerable<WorkflowOperation> AllOperations() => Flatten(Operations);

    private static IEnumerable<WorkflowOperation> Flatten(IEnumerable<WorkflowOperation> operations)
    {
        foreach (var operation in operations)
        {
            yield return operation;
            foreach (var inner in Flatten(operation.Operations)) yield return inner;
        }
    }
}
