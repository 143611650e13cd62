using System.Diagnostics;

namespace Workflows.Benchmarks;

/// <summary>
/// The P6 workload: 10,000 instances that each wait on a one-hour durable timer, on a LiteDB file. Once their runners
/// let go of them, what the host holds for them is an index entry each.
/// </summary>
public static class SuspendedMemory
{
    public const int Instances = 10_000;

    /// <summary>Managed heap and working set (MB) with every instance suspended, and the time it took to get there.</summary>
    public static async Task<(double HeapMb, double WorkingSetMb, TimeSpan Elapsed)> MeasureAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        await using var engine = WorkflowEngine.Open(path, options =>
        {
            options.IncludeGeneratedWorkflows = false;
            options.EvictSuspendedAfter = TimeSpan.FromMilliseconds(200);
            options.Workflows.Add<int, int>("Sleeper", async n =>
            {
                await Workflow.DelayAsync(TimeSpan.FromHours(1));
                return n;
            });
        });
        for (var batch = 0; batch < Instances; batch += 500)
            await Task.WhenAll(Enumerable.Range(batch, 500).Select(i => engine.Client.StartAsync<int, int>("Sleeper", i)));
        while (engine.SuspendedCount < Instances) await Task.Delay(50);
        watch.Stop();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: true) / 1e6, process.WorkingSet64 / 1e6, watch.Elapsed);
    }
}
