namespace Workflows.Execution;

/// <summary>
/// The fail-fast state of one fan-out, seen by the code of its items: once the batch is cancelled, an item's next
/// durable call throws instead of running. Nested fan-outs see their parents' cancellation too.
/// </summary>
internal sealed class BatchState(string operationId, BatchState? parent)
{
    public string OperationId { get; } = operationId;

    public string? CancelReason { get; private set; }

    public bool IsCanceled => CancelReason is not null || (parent?.IsCanceled ?? false);

    public void Cancel(string reason) => CancelReason ??= reason;

    public void ThrowIfCanceled(string instanceId)
    {
        for (var current = this; current is not null; current = current.Parent)
        {
            if (current.CancelReason is { } reason)
                throw new OperationCanceledException($"Fan-out '{current.OperationId}' of workflow instance '{instanceId}' was cancelled: {reason}");
        }
    }

    private BatchState? Parent => parent;
}
