using System.Diagnostics;
using Workflows.CrashTests.Workload;

namespace Workflows.CrashTests.Harness;

/// <summary>Starts many instances at once on one LiteDB file and checks they all complete, reporting time, peak memory and threads.</summary>
public static class LoadTest
{
    public sealed record Figures(int Instances, int Completed, TimeSpan Elapsed, long PeakWorkingSetMb, int PeakThreads)
    {
        public override string ToString() =>
            $"load instances={Instances} completed={Completed} seconds={Elapsed.TotalSeconds:0.00} peak_working_set_mb={PeakWorkingSetMb} peak_threads={PeakThreads}";
    }

    public static async Task<Figures> RunAsync(string directory, int instances, TimeSpan limit)
    {
        var process = Process.GetCurrentProcess();
        var peakThreads = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakThreads = Math.Max(peakThreads, process.Threads.Count);
                try { await Task.Delay(20, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var clock = Stopwatch.StartNew();
        var completed = 0;
        await using (var engine = WorkflowEngine.Open(Path.Combine(directory, "load.db")))
        {
            var handles = await Task.WhenAll(Enumerable.Range(0, instances).Select(i => engine.Client.StartTinyAsync(i, instanceId: $"load-{i}")));
            var results = await Task.WhenAll(handles.Select(h => h.GetResultAsync())).WaitAsync(limit);
            completed = results.Where((r, i) => r == 3 * i + 6).Count();
        }
        clock.Stop();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        return new Figures(instances, completed, clock.Elapsed, process.PeakWorkingSet64 / (1024 * 1024), peakThreads);
    }
}
