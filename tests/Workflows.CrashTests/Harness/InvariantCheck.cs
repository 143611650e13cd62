using Workflows.CrashTests.Workload;
using Workflows.Storage;

namespace Workflows.CrashTests.Harness;

/// <summary>
/// What the store held right after one kill, read between <paramref name="ReadStarted"/> and
/// <paramref name="ReadEnded"/> (<see cref="System.Diagnostics.Stopwatch"/> ticks, as in the ledger). Other workers may
/// still run meanwhile: whatever was acknowledged before the read started must be in it, and an attempt recorded
/// after it ended must not be of a step it holds as completed.
/// </summary>
public sealed record KillPoint(JournalSnapshot Snapshot, long ReadStarted, long ReadEnded)
{
    /// <summary>Reads the store now, noting when the read started and ended.</summary>
    public static async Task<KillPoint> ReadAsync(Func<Task<JournalSnapshot>> read)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var snapshot = await read();
        return new KillPoint(snapshot, started, System.Diagnostics.Stopwatch.GetTimestamp());
    }
}

/// <summary>The invariants, checked from outside the worker on what the kills left behind.</summary>
public static class InvariantCheck
{
    public sealed record Findings(int Lost, int Duplicated, int Reexecuted, int Unfinished, IReadOnlyList<string> Differing, IReadOnlyList<string> Problems);

    /// <param name="kills">The store and ledger after each kill, in order.</param>
    /// <param name="final">The store after the last worker finished.</param>
    /// <param name="ledger">Every ledger line.</param>
    /// <param name="reference">The output of each top-level instance in an uninterrupted run.</param>
    public static Findings Evaluate(IReadOnlyList<KillPoint> kills, JournalSnapshot final, IReadOnlyList<LedgerLine> ledger, IReadOnlyDictionary<string, string?> reference)
    {
        var problems = new List<string>();
        var lost = 0;
        var duplicated = 0;

        // Durable outcomes never disappear and never change.
        var snapshots = kills.Select(k => k.Snapshot).Append(final).ToList();
        for (var i = 0; i + 1 < snapshots.Count; i++)
        {
            foreach (var (operation, outcome) in snapshots[i].Outcomes)
            {
                if (!snapshots[i + 1].Outcomes.TryGetValue(operation, out var later))
                {
                    lost++;
                    problems.Add($"lost after kill {i + 1}: {operation} was {outcome.Status}, then missing");
                }
                else if (later != outcome)
                {
                    duplicated++;
                    problems.Add($"changed after kill {i + 1}: {operation} was {outcome}, then {later}");
                }
            }
        }

        for (var k = 0; k < kills.Count; k++)
        {
            // Nothing is acknowledged to workflow code before it is durable.
            foreach (var ack in ledger.Where(l => l.IsAcknowledgment && l.At < kills[k].ReadStarted))
            {
                var operation = new OperationRef(ack.InstanceId, ack.Execution, ack.OperationId);
                if (!kills[k].Snapshot.Outcomes.ContainsKey(operation))
                {
                    lost++;
                    problems.Add($"acknowledged before it was durable: workflow code received {operation} live, but the store did not hold it at kill {k + 1}");
                }
            }
            // A step that completed durably never runs again.
            foreach (var attempt in ledger.Where(l => !l.IsAcknowledgment && l.At > kills[k].ReadEnded))
            {
                var operation = new OperationRef(attempt.InstanceId, attempt.Execution, attempt.OperationId);
                if (kills[k].Snapshot.Outcomes.TryGetValue(operation, out var outcome) && outcome.Status == JournalEntryStatus.Completed)
                {
                    duplicated++;
                    problems.Add($"ran again after kill {k + 1}: {operation} attempt {attempt.Attempt} had completed durably");
                }
            }
        }

        var attempts = ledger.Where(l => !l.IsAcknowledgment).ToList();
        var reexecuted = attempts.Count - attempts.Select(a => (a.InstanceId, a.Execution, a.OperationId, a.Attempt)).Distinct().Count();
        var unfinished = reference.Keys.Count(id => !final.Instances.TryGetValue(id, out var i) || i.Status != WorkflowStatus.Completed);
        var differing = reference.Where(r => !final.Instances.TryGetValue(r.Key, out var i) || i.Output != r.Value).Select(r => r.Key).ToList();
        foreach (var id in differing) problems.Add($"{id}: result {(final.Instances.TryGetValue(id, out var i) ? i.Output : "missing")}, reference {reference[id]}");
        return new Findings(lost, duplicated, reexecuted, unfinished, differing, problems);
    }
}
