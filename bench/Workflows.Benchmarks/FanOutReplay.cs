using System.Diagnostics;
using Workflows.Storage;
using Workflows.Storage.InMemory;

namespace Workflows.Benchmarks;

/// <summary>
/// The P4 workload: a fan-out of n one-step items, run once live, then replayed from its journal with the
/// fan-out's own record removed, so the resumed instance rebuilds the batch from its n item records.
/// </summary>
public static class FanOutReplay
{
    private const string Name = "FanOut";

    // One set of serializer options for every engine, as a host has: new options would rebuild System.Text.Json's
    // metadata each time, a fixed cost that is not replay.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new();

    /// <summary>The instance and journal of a finished fan-out of <paramref name="items"/> items, minus the fan-out's own record.</summary>
    public static async Task<(InstanceRecord Instance, IReadOnlyList<JournalEntry> Journal)> RecordAsync(int items)
    {
        var store = new InMemoryCheckpointStore();
        await using (var engine = WorkflowEngine.Create(Options(store)))
            await engine.Client.RunAsync<int, int>(Name, items, new StartWorkflowOptions { InstanceId = "fan-out" });
        var instance = (await store.GetInstanceAsync("fan-out"))!;
        var journal = (await store.LoadJournalAsync("fan-out", 1)).Where(e => e.OperationId != "/MapAsync#1").ToList();
        return (instance with { Status = WorkflowStatus.Running, Output = null, CompletedAt = null }, journal);
    }

    /// <summary>Time from opening an engine on the recorded journal until the resumed instance has finished.</summary>
    public static async Task<TimeSpan> ReplayAsync((InstanceRecord Instance, IReadOnlyList<JournalEntry> Journal) recorded)
    {
        var store = new InMemoryCheckpointStore();
        await store.CommitAsync([new CreateInstance(recorded.Instance, ReplaceTerminal: false), .. recorded.Journal.Select(e => new PutJournalEntry(e))]);
        // Each measurement starts without the previous one's garbage, so collections it did not cause are not billed to it.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var watch = Stopwatch.StartNew();
        await using var engine = WorkflowEngine.Create(Options(store));
        var info = await engine.Client.WaitForCompletionAsync("fan-out");
        watch.Stop();
        if (info.Status != WorkflowStatus.Completed) throw new InvalidOperationException($"The replayed fan-out ended {info.Status}: {info.Error?.Message}");
        return watch.Elapsed;
    }

    private static WorkflowEngineOptions Options(ICheckpointStore store)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false, JsonSerializerOptions = Json }.UseStore(store);
        options.Workflows.Add<int, int>(Name, async count =>
        {
            var result = await Workflow.MapAsync(Enumerable.Range(0, count),
                item => Workflow.RunStepAsync("Item", null, _ => Task.FromResult(item)), new MapOptions { MaxConcurrency = 64 });
            return result.Values.Sum();
        });
        return options;
    }
}
