using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks;

/// <summary>
/// Prints each goal as a ratio against a baseline measured in the same run, with the absolute figures beside it.
/// Baseline and candidate alternate over several rounds and the medians are compared, so drift on a noisy machine
/// hits both sides.
/// </summary>
public static class QuickRatios
{
    private const int Rounds = 5;
    private const int ReplayRounds = 4 * Rounds;

    public static async Task RunAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "workflows-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string Fresh(string name) => Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.db");

            await ReportThroughputAsync(Fresh);
            // The replay measures run in processes of their own, as BenchmarkDotNet runs each benchmark, so what the
            // workloads before them left in this process (heap, threads) does not weigh on their larger runs.
            Console.Write(await ThisProgram.RunAsync("replay"));
            ReportGenerator();
            Console.Write(await ThisProgram.RunAsync("fanout"));
            var (inFlight, rerun, finishedRerun) = await FanOutResume.MeasureAsync();
            Console.WriteLine($"P4resume: items in flight at the restart={inFlight}, items whose in-flight step ran again={rerun}, finished items run again={finishedRerun} (goal: re-run = in flight, finished 0)");
            var (heap, workingSet, elapsed) = await SuspendedMemory.MeasureInChildProcessAsync(Fresh("p6"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"P6={workingSet:0}  (MB working set of a process holding {SuspendedMemory.Instances:N0} instances suspended on timers; managed heap {heap:0} MB; suspended in {elapsed.TotalSeconds:0.0} s; goal < 100)"));
            await UpdateRoundTrip.ReportAsync(Fresh);
            await QueryRoundTrip.ReportAsync(Fresh("p12"));
            Console.Write(await ThisProgram.RunAsync("dashboard"));
            Console.Write(await ThisProgram.RunAsync("durabletask"));
            await ScaleOut.ScaleOutMeasure.ReportAsync();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The throughput measures alone.</summary>
    public static Task RunThroughputAsync() => InScratchDirectoryAsync(ReportThroughputAsync);

    /// <summary>The update and query measures alone.</summary>
    public static Task RunInteractionAsync() => InScratchDirectoryAsync(async fresh =>
    {
        await UpdateRoundTrip.ReportAsync(fresh);
        await QueryRoundTrip.ReportAsync(fresh("p12"));
    });

    /// <summary>The durabletask-dotnet comparison alone (P9), in a process of its own: its hosts and threads stay out of the others.</summary>
    public static Task RunDurableTaskAsync() => InScratchDirectoryAsync(DurableTaskPeer.ReportAsync);

    /// <summary>The dashboard measures alone (P15), in a process of its own: its 100,000 instances stay out of the others.</summary>
    public static Task RunDashboardAsync() => InScratchDirectoryAsync(fresh => DashboardRender.ReportAsync(fresh("p15")));

    /// <summary>The replay measures alone.</summary>
    public static Task RunReplayAsync() => InScratchDirectoryAsync(ReportReplayAsync);

    /// <summary>Runs <paramref name="report"/> with fresh database paths in a directory removed afterwards.</summary>
    private static async Task InScratchDirectoryAsync(Func<Func<string, string>, Task> report)
    {
        var directory = Path.Combine(Path.GetTempPath(), "workflows-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await report(name => Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.db"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// P1: sequential steps ÷ raw LiteDB single-document transactions; P2: 100 concurrent workflows ÷ raw LiteDB at 100
    /// documents per transaction. Baselines and candidates alternate per round.
    /// </summary>
    private static async Task ReportThroughputAsync(Func<string, string> fresh)
    {
        // Warm up JIT and the file system on both sides.
        Scenarios.RawSingleInserts(fresh("warm-raw"), 50);
        Scenarios.RawDurableSingleInserts(fresh("warm-durable"), 50);
        await using (var warm = Scenarios.OpenEngine(fresh("warm")))
        {
            await Scenarios.SequentialStepsAsync(warm, 50);
            await Scenarios.ConcurrentStepsAsync(warm, 10, 5);
        }

        var p1Durable = new List<double>();
        var p1Lite = new List<double>();
        var p1Ours = new List<double>();
        var p2Durable = new List<double>();
        var p2Lite = new List<double>();
        var p2Ours = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            p1Durable.Add(PerSecond(() => Scenarios.RawDurableSingleInserts(fresh("p1-durable"), 500)));
            p1Lite.Add(PerSecond(() => Scenarios.RawSingleInserts(fresh("p1-lite"), 500)));
            await using (var engine = Scenarios.OpenEngine(fresh("p1")))
                p1Ours.Add(await PerSecondAsync(() => Scenarios.SequentialStepsAsync(engine, 500)));

            p2Durable.Add(PerSecond(() => Scenarios.RawDurableBatchedInserts(fresh("p2-durable"), 2000, 100)));
            p2Lite.Add(PerSecond(() => Scenarios.RawBatchedInserts(fresh("p2-lite"), 2000, 100)));
            await using (var engine = Scenarios.OpenEngine(fresh("p2")))
                p2Ours.Add(await PerSecondAsync(() => Scenarios.ConcurrentStepsAsync(engine, 100, 20)));
        }

        Report("P1", Median(p1Ours), Median(p1Durable), Median(p1Lite), "sequential durable steps/s", "raw LiteDB single-document transactions/s", 0.8);
        Report("P2", Median(p2Ours), Median(p2Durable), Median(p2Lite), "steps/s, 100 concurrent workflows x 20 steps", "raw LiteDB documents/s at 100 per transaction", 0.5);
    }

    /// <summary>
    /// P3: replaying a 1,000-step journal from LiteDB ÷ Temporal's replayer on a 1,000-activity history; P3scale: our
    /// replay at 10,000 steps ÷ 1,000; P3b: replay of 10,000 steps ÷ only reading their journal. Plus allocations per
    /// replayed and per live step (process-wide, so the store's writer thread counts too).
    /// </summary>
    private static async Task ReportReplayAsync(Func<string, string> fresh)
    {
        await using var small = await Replay.ReplayWorkload.CreateAsync(fresh("p3-1k"), 1_000);
        await using var large = await Replay.ReplayWorkload.CreateAsync(fresh("p3-10k"), 10_000);
        for (var warmUp = 0; warmUp < 5; warmUp++) // past tiered JIT's first tiers
        {
            await small.ReplayAsync();
            await large.ReplayAsync();
            await large.LoadJournalAsync();
        }

        // P3scale and P3b compare our replays with each other, in rounds of their own and before Temporal runs at all:
        // interleaved with Temporal's replays they also measured the native core's threads and the heap those leave
        // behind. Each timed run starts after a collection, so no run pays for the garbage of the one before.
        var oursSmall = new List<double>();
        var oursLarge = new List<double>();
        var loadLarge = new List<double>();
        for (var round = 0; round < ReplayRounds; round++)
        {
            oursSmall.Add((await Collected(small.ReplayAsync)).TotalMilliseconds);
            oursLarge.Add((await Collected(large.ReplayAsync)).TotalMilliseconds);
            loadLarge.Add((await Collected(large.LoadJournalAsync)).TotalMilliseconds);
        }

        // P3 alternates our 1,000-step replay with Temporal's (about a second each), after proving Temporal's checks.
        await Replay.TemporalReplay.ValidateAsync(1_000);
        var history = Replay.TemporalHistory.Build(1_000);
        await Replay.TemporalReplay.ReplayAsync(history);
        var ours = new List<double>();
        var temporal = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            ours.Add((await Collected(small.ReplayAsync)).TotalMilliseconds);
            temporal.Add((await Collected(() => Replay.TemporalReplay.ReplayAsync(history))).TotalMilliseconds);
        }
        var (o, t, os, ol, l) = (Median(ours), Median(temporal), Median(oursSmall), Median(oursLarge), Median(loadLarge));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P3={o / t:0.000}  ({o:0.0} ms to load and replay a 1,000-step journal / {t:0} ms for Temporal's WorkflowReplayer on 1,000 activities (6,005 events, validated); goal <= 0.02, median of {Rounds} alternating rounds)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P3scale={ol / os:0.0}  ({ol:0.0} ms at 10,000 steps / {os:0.0} ms at 1,000; goal <= 11, median of {ReplayRounds} rounds)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P3b={ol / l:0.00}  ({ol:0.0} ms to load and replay 10,000 steps / {l:0.0} ms to read and deserialize their journal documents; goal <= 2, median of {ReplayRounds} rounds)"));

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await large.ReplayAsync();
        var perReplayed = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)large.Steps;
        await using var engine = Scenarios.OpenEngine(fresh("alloc-live"));
        await Scenarios.SequentialStepsAsync(engine, 100);
        before = GC.GetTotalAllocatedBytes(precise: true);
        await Scenarios.SequentialStepsAsync(engine, 1_000);
        var perLive = (GC.GetTotalAllocatedBytes(precise: true) - before) / 1_000.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Alloc: {perReplayed:0} bytes per replayed step (10,000-step replay incl. loading), {perLive:0} bytes per live step (1,000 sequential steps incl. commits)"));
    }

    /// <summary>P5: generator time as a share of the whole build; P5cached: tracked outputs reused after an unrelated edit.</summary>
    private static void ReportGenerator()
    {
        GeneratorWorkload.MeasureBuild(); // warm up Roslyn and the generator
        var builds = Enumerable.Range(0, Rounds).Select(_ => GeneratorWorkload.MeasureBuild()).ToList();
        var generator = Median([.. builds.Select(b => b.Generator.TotalMilliseconds)]);
        var whole = Median([.. builds.Select(b => b.Whole.TotalMilliseconds)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P5={generator / whole:0.000}  ({generator:0} ms generator / {whole:0} ms whole build (parse, generate, compile to IL), {GeneratorWorkload.Files * GeneratorWorkload.WorkflowsPerFile} workflows x {GeneratorWorkload.StepsPerWorkflow} steps, {builds[0].GeneratedFiles} generated files; goal <= 0.2, median of {Rounds} rounds)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P5cached={GeneratorWorkload.CachedPercentAfterUnrelatedEdit():0.0}  (% of tracked generator outputs Cached/Unchanged after an unrelated edit; goal 100)"));
    }

    /// <summary>P4: replaying a fan-out of 20,000 items ÷ 10,000 items (linear replay gives 2).</summary>
    public static async Task RunFanOutReplayAsync()
    {
        var small = await FanOutReplay.RecordAsync(10_000);
        var large = await FanOutReplay.RecordAsync(20_000);
        await FanOutReplay.ReplayAsync(small); // warm up both sizes: the first run of each pays for JIT and pool growth
        await FanOutReplay.ReplayAsync(large);
        var smallTimes = new List<double>();
        var largeTimes = new List<double>();
        for (var round = 0; round < 2 * Rounds; round++)
        {
            smallTimes.Add((await FanOutReplay.ReplayAsync(small)).TotalMilliseconds);
            largeTimes.Add((await FanOutReplay.ReplayAsync(large)).TotalMilliseconds);
        }
        // Medians, as every other measure: the best of the smaller side is now and then a run without any collection.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P4={Median(largeTimes) / Median(smallTimes):0.00}  ({Median(largeTimes):0} ms to replay a 20,000-item fan-out / {Median(smallTimes):0} ms for 10,000 items, from item records; goal <= 2.3, median of {2 * Rounds} rounds) " +
            $"| best of each: {largeTimes.Min() / smallTimes.Min():0.00} ({largeTimes.Min():0} / {smallTimes.Min():0} ms)"));
    }

    private static Task<TimeSpan> Collected(Func<Task<TimeSpan>> measure)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return measure();
    }

    private static double PerSecond(Func<int> work)
    {
        var watch = Stopwatch.StartNew();
        var count = work();
        return count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> PerSecondAsync(Func<Task<int>> work)
    {
        var watch = Stopwatch.StartNew();
        var count = await work();
        return count / watch.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>
    /// A throughput ratio against raw LiteDB with its own commit (the goal's baseline), and beside it against raw LiteDB
    /// whose log is synced once per transaction before the next starts, as the store commits: the floor for durable work.
    /// </summary>
    private static void Report(string name, double ours, double durable, double lite, string oursWhat, string baselineWhat, double goal) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}={ours / lite:0.00}  ({ours:0} {oursWhat} / {lite:0} {baselineWhat} with LiteDB's own commit; goal >= {goal}, median of {Rounds} rounds) " +
            $"| {name}durable={ours / durable:0.00}  (/ {durable:0}/s when each transaction's log is synced before the next, as the store commits)"));
}
