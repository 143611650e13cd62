namespace Workflows.Benchmarks.ScaleOut;

/// <summary>
/// A P7 worker process: an engine on the shared PostgreSQL schema that runs the benchmark's workflows until its
/// standard input closes (a graceful stop) or it is killed.
/// </summary>
public static class ScaleOutWorker
{
    public const string ReadyLine = "READY";

    /// <summary>The lease of the benchmark's workers: failover takes about this long.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);

    /// <summary>How many sequential steps a "Chain" instance runs.</summary>
    public const int ChainSteps = 10;

    public static async Task RunAsync(string connectionString, string schema)
    {
        // A long-running worker has its code compiled and tiered up: warm up on a schema of its own first, so the
        // measured rounds do not count this process's JIT time.
        var warmSchema = $"{schema}_warm{Environment.ProcessId}";
        await using (var warm = WorkflowEngine.Create(Options(connectionString, warmSchema)))
        {
            // Twice, with a pause: the runtime recompiles hot methods in the background after their first calls.
            for (var round = 0; round < 2; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, 500).Select(i => warm.Client.RunAsync<int, int>("Chain", i, new() { InstanceId = $"warm-{round}-{i}" })));
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        await using (var connection = new Npgsql.NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA \"{warmSchema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }

        await using var engine = WorkflowEngine.Create(Options(connectionString, schema));
        await engine.Ready;
        Console.WriteLine(ReadyLine);
        while (await Console.In.ReadLineAsync() is not null)
        {
            // Runs until the benchmark closes standard input.
        }
    }

    private static WorkflowEngineOptions Options(string connectionString, string schema)
    {
        var options = new WorkflowEngineOptions { IncludeGeneratedWorkflows = false };
        options.UsePostgreSql(connectionString, o =>
        {
            o.Schema = schema;
            o.LeaseDuration = LeaseDuration;
            o.PollInterval = TimeSpan.FromMilliseconds(250);
        });
        options.Workflows.Add<int, int>("Chain", async seed =>
        {
            var total = seed;
            for (var i = 0; i < ChainSteps; i++) total += await Workflow.RunStepAsync("Add", null, _ => Task.FromResult(1));
            return total;
        });
        // The failover probe: a long chain of short steps, so progress is visible until the worker is killed and after.
        options.Workflows.Add<int, int>("Long", async steps =>
        {
            for (var i = 0; i < steps; i++) await Workflow.RunStepAsync("Tick", null, async token => { await Task.Delay(2, token); return i; });
            return steps;
        });
        return options;
    }
}
