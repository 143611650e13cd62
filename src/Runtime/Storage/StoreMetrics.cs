using Workflows.Diagnostics;

namespace Workflows.Storage;

/// <summary>What a checkpoint store reports to the runtime's meter (<see cref="WorkflowDiagnostics.MeterName"/>).</summary>
public static class StoreMetrics
{
    /// <summary>Records one durable batch: <c>workflows.store.commit.batch_size</c> and <c>workflows.store.commit.duration</c>.</summary>
    /// <param name="commits">How many commits the batch held.</param>
    /// <param name="duration">How long writing and syncing the batch took.</param>
    public static void BatchCommitted(int commits, TimeSpan duration) => WorkflowMetrics.Committed(commits, duration);
}
