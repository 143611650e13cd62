using System.Diagnostics;
using Npgsql;
using Workflows.CrashTests.Workload;
using Workflows.PostgreSql;

namespace Workflows.CrashTests.Harness;

/// <summary>
/// The crash harness with several worker processes on one PostgreSQL schema: random workers are SIGKILLed at seeded
/// moments (1–3 kills per run) while the others keep running, and each killed worker is replaced. The store is read
/// right after each kill, with the other workers still running, and the same invariants are checked: nothing durable
/// lost or changed, no durably completed step run again, every instance finished, results equal to one
/// uninterrupted worker's.
/// </summary>
public sealed class SharedCrashHarness(string workDirectory, string connectionString, int workers, TextWriter log) : KillHarness(log)
{
    protected override string Describe(TimeSpan referenceDuration, int maxKillDelayMs) =>
        $"reference run (1 worker): {referenceDuration.TotalSeconds:0.00} s; {workers} workers per run, kills come 0–{KillWindow(maxKillDelayMs)} ms apart";

    /// <summary>Several workers finish the work sooner than the reference's one: kills come closer together, so they land.</summary>
    private int KillWindow(int maxKillDelayMs) => Math.Max(50, maxKillDelayMs / workers);

    protected override async Task<(Dictionary<string, string?> Outputs, TimeSpan Duration)> ReferenceAsync()
    {
        var schema = NewSchema("ref");
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "reference")).FullName;
        try
        {
            TimeSpan duration;
            using (var worker = WorkerProcess.StartShared(connectionString, schema, Path.Combine(directory, "ledger-1.txt")))
            {
                await worker.Ready;
                var clock = Stopwatch.StartNew();
                if (!await worker.WaitAsync(FinishLimit) || worker.ExitCode != 0)
                    throw new InvalidOperationException($"The uninterrupted reference run did not finish:\n{await worker.OutputAsync()}");
                duration = clock.Elapsed;
            }
            var snapshot = await ReadAsync(schema);
            return (WorkloadPlan.TopLevelInstances.ToDictionary(id => id, id => snapshot.Instances[id].Output), duration);
        }
        finally
        {
            await DropSchemaAsync(schema);
        }
    }

    protected override async Task<RunResult> RunOnceAsync(int run, Random random, int maxKillDelayMs, Dictionary<string, string?> reference)
    {
        var clock = Stopwatch.StartNew();
        var schema = NewSchema($"run{run}");
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, $"run-{run}")).FullName;
        var problems = new List<string>();
        var atKills = new List<KillPoint>();
        var started = 0;
        WorkerProcess StartWorker() => WorkerProcess.StartShared(connectionString, schema, Path.Combine(directory, $"ledger-{++started}.txt"));
        var live = Enumerable.Range(0, workers).Select(_ => StartWorker()).ToList();
        var all = new List<WorkerProcess>(live);
        try
        {
            var plannedKills = 1 + random.Next(3);
            await live[0].Ready;
            while (atKills.Count < plannedKills)
            {
                await Task.Delay(random.Next(0, KillWindow(maxKillDelayMs)));
                live.RemoveAll(w => w.HasExited);
                if (live.Count == 0) break; // Everything finished before the next kill.
                var victim = live[random.Next(live.Count)];
                await victim.KillAsync();
                live.Remove(victim);
                atKills.Add(await KillPoint.ReadAsync(() => ReadAsync(schema)));
                var replacement = StartWorker();
                live.Add(replacement);
                all.Add(replacement);
            }
            foreach (var worker in live)
            {
                if (!await worker.WaitAsync(FinishLimit))
                {
                    problems.Add($"a worker did not finish within {FinishLimit.TotalSeconds:0} s after {atKills.Count} kill(s)");
                    await worker.KillAsync();
                }
                else if (worker.ExitCode != 0)
                {
                    problems.Add($"a worker failed with exit code {worker.ExitCode}:\n{await worker.OutputAsync()}");
                }
            }

            var final = await ReadAsync(schema);
            var findings = InvariantCheck.Evaluate(atKills, final, LedgerLine.ReadAll(directory), reference);
            return new RunResult(run, atKills.Count, findings.Lost, findings.Duplicated, findings.Unfinished, findings.Reexecuted,
                findings.Differing.Count == 0, clock.Elapsed, [.. problems, .. findings.Problems]);
        }
        finally
        {
            foreach (var worker in all)
            {
                if (!worker.HasExited) await worker.KillAsync();
                worker.Dispose();
            }
            await DropSchemaAsync(schema);
        }
    }

    private async Task<JournalSnapshot> ReadAsync(string schema)
    {
        await using var store = await PostgreSqlCheckpointStore.OpenAsync(new PostgreSqlStoreOptions
        {
            ConnectionString = connectionString,
            Schema = schema,
            WorkerId = "crash-harness-reader",
        });
        return await JournalSnapshot.ReadAsync(store);
    }

    private static string NewSchema(string purpose) => $"crash_{purpose}_{Guid.NewGuid().ToString("N")[..8]}";

    private async Task DropSchemaAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
