namespace Workflows;

/// <summary>A fan-out had more failed items than its options tolerate; <see cref="Items"/> says how each item ended.</summary>
public sealed class BatchFailedException : WorkflowException
{
    /// <summary>Creates the exception.</summary>
    public BatchFailedException(string instanceId, string operationId, IReadOnlyList<(int Index, BatchItemStatus Status, WorkflowError? Error)> items)
        : base(Describe(instanceId, operationId, items))
    {
        InstanceId = instanceId;
        OperationId = operationId;
        Items = items;
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The fan-out's operation ID.</summary>
    public string OperationId { get; }

    /// <summary>Each item's index, status and error.</summary>
    public IReadOnlyList<(int Index, BatchItemStatus Status, WorkflowError? Error)> Items { get; }

    private static string Describe(string instanceId, string operationId, IReadOnlyList<(int Index, BatchItemStatus Status, WorkflowError? Error)> items)
    {
        var failed = items.Where(i => i.Status == BatchItemStatus.Failed).ToList();
        var first = failed.FirstOrDefault();
        return $"Fan-out '{operationId}' of workflow instance '{instanceId}' failed: {failed.Count} of {items.Count} items failed " +
               $"and {items.Count(i => i.Status == BatchItemStatus.Canceled)} were cancelled, more than its MapOptions tolerate. " +
               (first.Error is { } error ? $"First failure, item {first.Index}: {error.Type}: {error.Message}" : "");
    }
}
