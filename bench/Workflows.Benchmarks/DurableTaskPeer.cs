using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Workflows.Benchmarks;

/// <summary>
/// P9: durabletask-dotnet as a peer on the same shapes as ours: 1,000 and 3,000 sequential steps, a fan-out of
/// 1,000, 100 instances of 20 steps. It runs in its in-process test host (in-memory backend, its worker talking to
/// the sidecar over gRPC on localhost), the one way to run it on a machine without Azure Storage or SQL Server.
/// Its worker allows 2 concurrent work items of each kind by default and backs off 500 ms when they are taken, which
/// makes fan-outs and many instances take seconds: the fan-out is measured with both, every other shape with the
/// limit raised to 1,000 (the only knob changed).
/// </summary>
public static class DurableTaskPeer
{
    private const int RaisedConcurrency = 1_000;

    public static async Task ReportAsync(Func<string, string> fresh)
    {
        await using var raised = await StartAsync(RaisedConcurrency);
        await using var defaults = await StartAsync(concurrency: null);
        var inMemory = new WorkflowEngineOptions().UseInMemory();
        Register(inMemory);
        await using var memory = WorkflowEngine.Create(inMemory);
        await using var lite = WorkflowEngine.Open(fresh("p9"), Register);

        // Warm-up on every side: JIT, the gRPC channel, the engines' first instances.
        await TheirsSequentialAsync(raised, 20);
        await TheirsFanOutAsync(defaults, 5);
        await OursSequentialAsync(memory, 20);
        await OursSequentialAsync(lite, 20);

        var ours1k = Median(await RepeatAsync(3, () => OursSequentialAsync(memory, 1_000)));
        var ours3k = Median(await RepeatAsync(3, () => OursSequentialAsync(memory, 3_000)));
        var lite1k = Median(await RepeatAsync(3, () => OursSequentialAsync(lite, 1_000)));
        var theirs1k = await TheirsSequentialAsync(raised, 1_000);
        var theirs3k = await TheirsSequentialAsync(raised, 3_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9={ours1k / theirs1k:0.0000}  ({ours1k:0.0} ms for 1,000 sequential steps in memory / {theirs1k:0} ms in durabletask-dotnet's in-process host; LiteDB {lite1k:0} ms = {lite1k / theirs1k:0.000} of it; goal <= 0.005)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9scale={ours3k / ours1k:0.00}  (our time for 3,000 sequential steps / 1,000: {ours3k:0.0} / {ours1k:0.0} ms; durabletask {theirs3k / theirs1k:0.00}: {theirs3k:0} / {theirs1k:0} ms, it replays its whole history at every step; goal <= 3.3)"));

        var oursFanOut = Median(await RepeatAsync(3, () => OursFanOutAsync(memory, 1_000)));
        var theirsFanOut = await TheirsFanOutAsync(raised, 1_000);
        var theirsFanOutDefault = await TheirsFanOutAsync(defaults, 1_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9fanout: a fan-out of 1,000 steps: ours {oursFanOut:0} ms in memory; durabletask {theirsFanOut:0} ms with its concurrency raised to {RaisedConcurrency:N0}, {theirsFanOutDefault:0} ms with its default of 2"));

        var oursThroughput = await OursThroughputAsync(memory);
        var theirsThroughput = await TheirsThroughputAsync(raised);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P9throughput: 100 instances x 20 steps: ours {oursThroughput:N0} steps/s in memory; durabletask {theirsThroughput:N0} steps/s (concurrency {RaisedConcurrency:N0})"));
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
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => engine.Client.RunAsync<int, int>("Sequence", 20)));
        return 2_000 / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static Task<DurableTaskTestHost> StartAsync(int? concurrency) => DurableTaskTestHost.StartAsync(tasks =>
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
    }, new DurableTaskTestHostOptions
    {
        ConfigureServices = services =>
        {
            if (concurrency is not { } limit) return;
            services.PostConfigureAll<DurableTaskWorkerOptions>(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = limit;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = limit;
            });
        },
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
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => RunTheirsAsync(host, "Sequence", 20)));
        return 2_000 / Stopwatch.GetElapsedTime(started).TotalSeconds;
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
