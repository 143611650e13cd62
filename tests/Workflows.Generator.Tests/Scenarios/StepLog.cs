using System.Collections.Concurrent;

namespace Workflows.Generator.Tests.Scenarios;

/// <summary>What steps saw when they ran: whether they ran as durable steps, and under which operation ID.</summary>
public static class StepLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<string>> s_runs = new();

    /// <summary>Records a run of <paramref name="step"/> under the calling instance (or "direct" outside one).</summary>
    public static void Ran(string step)
    {
        var key = Workflow.IsInStep ? Workflow.Step.InstanceId : "direct";
        s_runs.GetOrAdd(key, _ => new()).Enqueue(Workflow.IsInStep ? Workflow.Step.OperationId : step);
    }

    public static IReadOnlyList<string> Runs(string instanceId) => s_runs.TryGetValue(instanceId, out var runs) ? [.. runs] : [];
}
