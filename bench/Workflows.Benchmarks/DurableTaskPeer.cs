using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Workflows.Benchmarks;

/// <summary>
/// P9: durabletask-dotnet as a peer on the same shapes as ours: 1,000 and 3,000 sequential steps, a fan-out, many
/// instances at once. It runs in its in-process test host (in-memory backend, its worker talking to the sidecar over
/// gRPC on localhost), the one way to run it on a machine without Azure Storage or SQL Server, with its defaults;
/// the one knob changed is its hosts' console logging (every gRPC request at Information), set to Warning.
/// </summary>
public static class DurableTaskPeer
{
    // Its sidecar runs 2 work items of each kind at a time here (one per core) and backs off 500 ms when they are
    // taken, which the test host does not let a caller change: a fan-out of 1,000 ran for minutes, so the shapes
    // that wait on that limit are smaller than the 1,000 and 100 x 20.
    private const int FanOutItems = 100;
    private const int Instances = 20;
    private const int StepsEach = 20;

    public static async Task ReportAsync(Func<string, string> fresh)
    {
        // Its hosts log every gRPC request to the console at Information by default; ours log nothing per step either.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        await using var theirs = await StartAsync();
        var inMemory = new WorkflowEngineOptions().UseInMemory();
        Register(inMemory);
        await using var memory = WorkflowEngine.Create(inMemory);
        await using var lite = WorkflowEngine.Open(fresh("p9"), Register);

        // Warm-up on every side: JIT, the gRPC channel, the engines' first instances.
        await TheirsSequentialAsync(theirs, 20);
        await TheirsFanOutAsync(theirs, 5);
        await OursSequentialAsync(memory, 20);
        await OursSequentialAsync(lite, 20);

        var ours1k = Median(await RepeatAsync(3, () => OursSequentialAsync(memory, 1_000)));
        var ours3k = Median(await RepeatAsync(3, () => OursSequentialAsync(memory, 3_000)));
        var lite1k = Median(await RepeatAsync(3, () => OursSequentialAsync(lite, 1_000)));
        var theirs1k = await TheirsSequentialAsync(theirs, 1_000);
        var theirs3k = await TheirsSequentialAsync(theirs, 3_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9={ours1k / theirs1k:0.0000}  ({ours1k:0.0} ms for 1,000 sequential steps in memory / {theirs1k:0} ms in durabletask-dotnet's in-process host; LiteDB {lite1k:0} ms = {lite1k / theirs1k:0.000} of it; goal <= 0.005)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9scale={ours3k / ours1k:0.00}  (our time for 3,000 sequential steps / 1,000: {ours3k:0.0} / {ours1k:0.0} ms; durabletask {theirs3k / theirs1k:0.00}: {theirs3k:0} / {theirs1k:0} ms, it replays its whole history at every step; goal <= 3.3)"));

        var oursFanOut = Median(await RepeatAsync(3, () => OursFanOutAsync(memory, FanOutItems)));
        var theirsFanOut = await TheirsFanOutAsync(theirs, FanOutItems);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9fanout: a fan-out of {FanOutItems} steps: ours {oursFanOut:0.0} ms in memory; durabletask {theirsFanOut:0} ms"));

        var oursThroughput = await OursThroughputAsync(memory);
        var theirsThroughput = await TheirsThroughputAsync(theirs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9throughput: {Instances} instances x {StepsEach} steps at once: ours {oursThroughput:N0} steps/s in memory; durabletask {theirsThroughput:N0} steps/s"));
    }

    private static void Register(WorkflowEngineOptions options)
    {
        options.IncludeGeneratedWorkflows = false;
        options.Workflows.Add<int, int>("Sequence", async count =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++) sum = await Workflow.RunStepAsync("Add", null, _ => Task.FromResult(sum + 1));
            return sum;
        });
        options.Workflows.Add<int, int>("FanOut", async count =>
            (await Workflow.MapAsync(Enumerable.Range(0, count), i => Workflow.RunStepAsync("Square", null, _ => Task.FromResult(i * i)))).Values.Count());
    }

    private static async Task<double> OursSequentialAsync(WorkflowEngine engine, int steps)
    {
        var started = Stopwatch.GetTimestamp();
        var sum = await engine.Client.RunAsync<int, int>("Sequence", steps);
        if (sum != steps) throw new InvalidOperationException($"Our sequence returned {sum}, not {steps}.");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> OursFanOutAsync(WorkflowEngine engine, int items)
    {
        var started = Stopwatch.GetTimestamp();
        await engine.Client.RunAsync<int, int>("FanOut", items);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> OursThroughputAsync(WorkflowEngine engine)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => engine.Client.RunAsync<int, int>("Sequence", StepsEach)));
        return Instances * StepsEach / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static Task<DurableTaskTestHost> StartAsync() => DurableTaskTestHost.StartAsync(tasks =>
    {
        tasks.AddOrchestratorFunc<int, int>("Sequence", async (context, count) =>
        {
            var sum = 0;
            for (var i = 0; i < count; i++) sum = await context.CallActivityAsync<int>("Add", sum);
            return sum;
        });
        tasks.AddOrchestratorFunc<int, int>("FanOut", async (context, count) =>
            (await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>("Square", i)))).Length);
        tasks.AddActivityFunc<int, int>("Add", (_, sum) => sum + 1);
        tasks.AddActivityFunc<int, int>("Square", (_, i) => i * i);
    });

    private static async Task<double> TheirsSequentialAsync(DurableTaskTestHost host, int steps)
    {
        var started = Stopwatch.GetTimestamp();
        var sum = await RunTheirsAsync(host, "Sequence", steps);
        if (sum != steps) throw new InvalidOperationException($"durabletask's sequence returned {sum}, not {steps}.");
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> TheirsFanOutAsync(DurableTaskTestHost host, int items)
    {
        var started = Stopwatch.GetTimestamp();
        await RunTheirsAsync(host, "FanOut", items);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static async Task<double> TheirsThroughputAsync(DurableTaskTestHost host)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, Instances).Select(_ => RunTheirsAsync(host, "Sequence", StepsEach)));
        return Instances * StepsEach / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<int> RunTheirsAsync(DurableTaskTestHost host, string orchestrator, int input)
    {
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            throw new InvalidOperationException($"durabletask's {orchestrator} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done.ReadOutputAs<int>();
    }

    private static async Task<List<double>> RepeatAsync(int times, Func<Task<double>> measure)
    {
        var results = new List<double>();
        for (var i = 0; i < times; i++) results.Add(await measure());
        return results;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
