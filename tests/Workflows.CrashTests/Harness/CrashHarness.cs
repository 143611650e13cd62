using System.Diagnostics;
using Workflows.CrashTests.Workload;

namespace Workflows.CrashTests.Harness;

/// <summary>
/// Runs the workload on a fresh file, SIGKILLs the worker at seeded random moments (1–3 times per run), restarts it
/// until every instance finished, and checks from outside: nothing that was durable at a kill is lost or changed,
/// no step completed before a kill runs again, every instance finishes, and the results equal an uninterrupted run.
/// </summary>
public sealed class CrashHarness(string workDirectory, TextWriter log) : KillHarness(log)
{
    protected override string Describe(TimeSpan referenceDuration, int maxKillDelayMs) =>
        $"reference run: {referenceDuration.TotalSeconds:0.00} s of work uninterrupted; kills come 0–{maxKillDelayMs} ms after a worker is ready";

    protected override async Task<(Dictionary<string, string?> Outputs, TimeSpan Duration)> ReferenceAsync()
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "reference")).FullName;
        var database = Path.Combine(directory, "workload.db");
        TimeSpan duration;
        using (var worker = WorkerProcess.Start(database, Path.Combine(directory, "ledger.txt")))
        {
            await worker.Ready;
            var clock = Stopwatch.StartNew();
            if (!await worker.WaitAsync(FinishLimit) || worker.ExitCode != 0)
                throw new InvalidOperationException($"The uninterrupted reference run did not finish:\n{await worker.OutputAsync()}");
            duration = clock.Elapsed;
        }
        var snapshot = await JournalSnapshot.ReadAsync(database);
        return (WorkloadPlan.TopLevelInstances.ToDictionary(id => id, id => snapshot.Instances[id].Output), duration);
    }

    protected override async Task<RunResult> RunOnceAsync(int run, Random random, int maxKillDelayMs, Dictionary<string, string?> reference)
    {
        var clock = Stopwatch.StartNew();
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, $"run-{run}")).FullName;
        var database = Path.Combine(directory, "workload.db");
        var ledger = Path.Combine(directory, "ledger.txt");
        var problems = new List<string>();
        var atKills = new List<KillPoint>();
        var plannedKills = 1 + random.Next(3);
        var finished = false;

        while (!finished)
        {
            using var worker = WorkerProcess.Start(database, ledger);
            if (atKills.Count < plannedKills)
            {
                var delay = TimeSpan.FromMilliseconds(random.Next(0, maxKillDelayMs));
                await worker.Ready;
                if (!await worker.WaitAsync(delay))
                {
                    await worker.KillAsync();
                    atKills.Add(await KillPoint.ReadAsync(() => JournalSnapshot.ReadAsync(database)));
                    continue;
                }
                plannedKills = atKills.Count; // It finished before the kill: this run is done.
            }
            else if (!await worker.WaitAsync(FinishLimit))
            {
                await worker.KillAsync();
                problems.Add($"the worker did not finish within {FinishLimit.TotalSeconds:0} s after {atKills.Count} kill(s)");
                break;
            }
            if (worker.ExitCode != 0)
            {
                problems.Add($"the worker failed with exit code {worker.ExitCode}:\n{await worker.OutputAsync()}");
                break;
            }
            finished = true;
        }

        var final = await JournalSnapshot.ReadAsync(database);
        var findings = InvariantCheck.Evaluate(atKills, final, LedgerLine.ReadAll(directory), reference);
        return new RunResult(run, atKills.Count, findings.Lost, findings.Duplicated, findings.Unfinished, findings.Reexecuted,
            findings.Differing.Count == 0, clock.Elapsed, [.. problems, .. findings.Problems]);
    }
}
