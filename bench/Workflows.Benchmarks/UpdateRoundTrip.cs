using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks;

/// <summary>
/// P11: an update round trip (the client's call, the instance accepts it, its handler runs one step, the result
/// reaches the caller) ÷ one sequential durable step, both on the LiteDB default; they alternate per round and the
/// medians are compared.
/// </summary>
public static class UpdateRoundTrip
{
    private const int Rounds = 5;
    private const int PerRound = 200;

    private sealed class Counter
    {
        public int Total { get; set; }

        public bool Done { get; set; }
    }

    public static async Task ReportAsync(Func<string, string> fresh)
    {
        await using var engine = WorkflowEngine.Open(fresh("p11"), options =>
        {
            Scenarios.AddSequential(options.Workflows);
            options.Workflows.Add(WorkflowDefinition.Create<Counter, int, int>("Counter", _ => new Counter(),
                async (counter, _) =>
                {
                    await Workflow.WaitConditionAsync(() => counter.Done);
                    return counter.Total;
                },
                updates: [WorkflowUpdate.Create<Counter, int>("Add", async (counter, args) =>
                {
                    counter.Total += await Workflow.RunStepAsync("Add", null, _ => Task.FromResult((int)args[0]!));
                    return counter.Total;
                }, null, typeof(int))]));
        });
        var client = engine.Client;
        await client.StartAsync<int, int>("Counter", 0, new() { InstanceId = "p11" });
        await Scenarios.SequentialStepsAsync(engine, 50);
        for (var i = 0; i < 50; i++) await client.UpdateAsync<int>("p11", "Add", [1]);

        var updates = new List<double>();
        var steps = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            await Scenarios.SequentialStepsAsync(engine, PerRound);
            steps.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / PerRound);
            started = Stopwatch.GetTimestamp();
            for (var i = 0; i < PerRound; i++) await client.UpdateAsync<int>("p11", "Add", [1]);
            updates.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / PerRound);
        }
        var update = Median(updates);
        var step = Median(steps);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P11={update / step:0.00}  ({update:0} us per update round trip running one step / {step:0} us per sequential durable step, LiteDB; goal <= 2.5, median of {Rounds} rounds of {PerRound})"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
