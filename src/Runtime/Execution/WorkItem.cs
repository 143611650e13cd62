using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>Something the instance driver must act on.</summary>
internal abstract record WorkItem
{
    /// <summary>An outcome to deliver once its journal write is durable.</summary>
    public sealed record Delivery(PendingOperation Operation, JournalEntry Entry, Task Durable) : WorkItem;

    /// <summary>
    /// A query to answer between two deliveries, when no workflow code runs; cancelled when the run ends first.
    /// </summary>
    public sealed record Query(Func<object?, object?> Read) : WorkItem
    {
        public TaskCompletionSource<object?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Workflow code was queued from outside a drain.</summary>
    public sealed record Wake : WorkItem
    {
        public static Wake Instance { get; } = new();
    }
}
