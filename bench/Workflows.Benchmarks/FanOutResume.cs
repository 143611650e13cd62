using System.Collections.Concurrent;
using Workflows.Storage.InMemory;

namespace Workflows.Benchmarks;

/// <summary>
/// Scenario 2 of the fan-out resume guarantee, counted: 20 items, 4 at a time; the engine stops while items 6-9 are
/// in flight; after the restart, how many items ran their in-flight step again, and how many finished items did.
/// </summary>
public static class FanOutResume
{
    public static async Task<(int InFlight, int Rerun, int FinishedRerun)> MeasureAsync()
    {
        var store = new InMemoryCheckpointStore();
        var runs = new ConcurrentDictionary<int, int>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        WorkflowEngineOptions Options()
        {
            var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false }.UseStore(store);
            options.Workflows.Add<int, int>("Twenty", async _ =>
            {
                var result = await Workflow.MapAsync(Enumerable.Range(0, 20), async item =>
                {
                    await Workflow.RunStepAsync("A", null, _ => Task.FromResult(item));
                    return await Workflow.RunStepAsync("B", null, async token =>
                    {
                        runs.AddOrUpdate(item, 1, (_, n) => n + 1);
                        if (item >= 6) await release.Task.WaitAsync(token);
                        return item;
                    });
                }, new MapOptions { MaxConcurrency = 4 });
                return result.Values.Sum();
            });
            return options;
        }

        await using (var first = WorkflowEngine.Create(Options()))
        {
            await first.Client.StartAsync<int, int>("Twenty", 0, new StartWorkflowOptions { InstanceId = "twenty" });
            while (Enumerable.Range(6, 4).Any(i => !runs.ContainsKey(i))) await Task.Delay(5);
        }
        var inFlight = runs.Keys.Count(i => i >= 6);
        release.TrySetResult();
        await using (var second = WorkflowEngine.Create(Options()))
            await second.Client.WaitForCompletionAsync("twenty");
        return (inFlight, runs.Count(r => r.Key >= 6 && r.Key < 10 && r.Value == 2), runs.Count(r => r.Key < 6 && r.Value > 1));
    }
}
