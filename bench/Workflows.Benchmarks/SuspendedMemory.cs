using System.Diagnostics;

namespace Workflows.Benchmarks;

/// <summary>
/// The P6 workload: 10,000 instances that each wait on a one-hour durable timer, on a LiteDB file. Once their runners
/// let go of them, what the host holds for them is an index entry each.
/// </summary>
public static class SuspendedMemory
{
    public const int Instances = 10_000;

    /// <summary>Measures in this process and prints one line for <see cref="MeasureInChildProcessAsync"/> to read.</summary>
    public static async Task PrintAsync(string path)
    {
        var (heap, workingSet, elapsed) = await MeasureAsync(path);
        Console.WriteLine(FormattableString.Invariant($"{heap:0.0} {workingSet:0.0} {elapsed.TotalSeconds:0.00}"));
    }

    /// <summary>Runs the workload in a fresh process of this program, so nothing measured earlier weighs on it.</summary>
    public static async Task<(double HeapMb, double WorkingSetMb, TimeSpan Elapsed)> MeasureInChildProcessAsync(string path)
    {
        var output = await ThisProgram.RunAsync("p6", path);
        var parts = output.Trim().Split('\n')[^1].Split(' ');
        if (parts.Length != 3) throw new InvalidOperationException($"The P6 process printed no figures: {output}");
        double Parse(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return (Parse(parts[0]), Parse(parts[1]), TimeSpan.FromSeconds(Parse(parts[2])));
    }

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
        // What a long-running host settles at: a full, compacting collection that also returns free memory to the OS.
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (GC.GetTotalMemory(forceFullCollection: false) / 1e6, process.WorkingSet64 / 1e6, watch.Elapsed);
    }
}
