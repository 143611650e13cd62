using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace Workflows.Diagnostics;

/// <summary>The runtime's instruments on the <see cref="WorkflowDiagnostics.MeterName"/> meter.</summary>
internal static class WorkflowMetrics
{
    private static readonly Meter Meter = new(WorkflowDiagnostics.MeterName);

    private static readonly Counter<long> InstancesStarted = Meter.CreateCounter<long>(
        "workflows.instances.started", "{instance}", "Instances created by a client or as children.");

    private static readonly Counter<long> InstancesEnded = Meter.CreateCounter<long>(
        "workflows.instances.ended", "{instance}", "Instances that reached a terminal status.");

    private static readonly Counter<long> Replays = Meter.CreateCounter<long>(
        "workflows.replays", "{replay}", "Runs that rebuilt an instance's state from its journal.");

    private static readonly Counter<long> ReplayedOperations = Meter.CreateCounter<long>(
        "workflows.replayed_operations", "{operation}", "Recorded outcomes delivered from the journal instead of running.");

    private static readonly Counter<long> Steps = Meter.CreateCounter<long>(
        "workflows.steps", "{attempt}", "Live step attempts by outcome.");

    private static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>(
        "workflows.step.duration", "ms", "Duration of live step attempts.");

    private static readonly Histogram<int> CommitBatchSize = Meter.CreateHistogram<int>(
        "workflows.store.commit.batch_size", "{commit}", "Commits grouped into one store transaction.");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram<double>(
        "workflows.store.commit.duration", "ms", "Time to write and make durable one store transaction.");

    private static readonly Counter<long> Claimed = Meter.CreateCounter<long>(
        "workflows.shared.claimed", "{instance}", "Instances this worker leased from a shared store.");

    private static readonly Counter<long> Released = Meter.CreateCounter<long>(
        "workflows.shared.released", "{instance}", "Waiting instances this worker gave back to a shared store.");

    private static readonly Counter<long> LeasesLost = Meter.CreateCounter<long>(
        "workflows.shared.leases_lost", "{instance}", "Runs stopped because this worker lost the instance's lease.");

    public static void InstancesClaimed(int count) => Claimed.Add(count);

    public static void InstanceReleased() => Released.Add(1);

    public static void LeaseLost() => LeasesLost.Add(1);

    public static void InstanceStarted(string workflowName) =>
        InstancesStarted.Add(1, new KeyValuePair<string, object?>("workflow.name", workflowName));

    public static void InstanceEnded(string workflowName, WorkflowStatus status) =>
        InstancesEnded.Add(1, new KeyValuePair<string, object?>("workflow.name", workflowName), new KeyValuePair<string, object?>("workflow.status", status.ToString()));

    public static void Replayed(string workflowName, int operations)
    {
        var name = new KeyValuePair<string, object?>("workflow.name", workflowName);
        Replays.Add(1, name);
        ReplayedOperations.Add(operations, name);
    }

    public static void StepAttempted(string workflowName, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "workflow.name", workflowName }, { "workflow.step.outcome", outcome } };
        Steps.Add(1, tags);
        StepDuration.Record(duration.TotalMilliseconds, tags);
    }

    public static void Committed(int batchSize, TimeSpan duration)
    {
        CommitBatchSize.Record(batchSize);
        CommitDuration.Record(duration.TotalMilliseconds);
    }
}
