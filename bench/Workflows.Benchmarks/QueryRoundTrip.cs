using System.Diagnostics;
using System.Globalization;

namespace Workflows.Benchmarks;

/// <summary>
/// P12: a query answered by a live instance ÷ <c>GetStatusAsync</c> of the same instance, on the LiteDB default;
/// the two alternate per round and the medians are compared.
/// </summary>
public static class QueryRoundTrip
{
    private const int Rounds = 5;
    private const int CallsPerRound = 2_000;

    private sealed class Waiter
    {
        public int Seen { get; set; }
    }

    public static async Task ReportAsync(string path)
    {
        await using var engine = WorkflowEngine.Open(path, options => options.Workflows.Add(WorkflowDefinition.Create<Waiter, int, int>("Waiter", _ => new Waiter(),
            async (waiter, _) =>
            {
                waiter.Seen = await Workflow.WaitForEventAsync<int>("go");
                return waiter.Seen;
            },
            queries: [WorkflowQuery.Create<Waiter, int>("Seen", (waiter, _) => waiter.Seen)])));
        var client = engine.Client;
        await client.StartAsync<int, int>("Waiter", 0, new() { InstanceId = "p12" });
        for (var i = 0; i < 200; i++)
        {
            await client.QueryAsync<int>("p12", "Seen");
            await client.GetStatusAsync("p12");
        }

        var queries = new List<double>();
        var statuses = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < CallsPerRound; i++) await client.GetStatusAsync("p12");
            statuses.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerRound);
            started = Stopwatch.GetTimestamp();
            for (var i = 0; i < CallsPerRound; i++) await client.QueryAsync<int>("p12", "Seen");
            queries.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds / CallsPerRound);
        }
        if (!engine.TryGetRunner("p12", out _)) throw new InvalidOperationException("P12 must measure a live instance, but it left memory.");
        var query = Median(queries);
        var status = Median(statuses);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"P12={query / status:0.00}  ({query:0.0} us per query of a live instance / {status:0.0} us per GetStatusAsync of it, LiteDB; goal <= 3, median of {Rounds} rounds of {CallsPerRound})"));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
