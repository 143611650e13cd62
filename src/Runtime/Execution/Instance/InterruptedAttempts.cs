using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Counts the step attempts that the process before this run left unfinished (killed, crashed, stopped), so that
/// MaxAttempts bounds a step that takes the process down with it. Nothing is written while steps run: when a run
/// resumes an instance, each step it is about to start that the previous run may have been running counts one failed
/// attempt, journaled (with a record of the attempt for the history) before the step starts again; a step whose
/// attempts are used up fails instead. The journal tells which steps: one without a record, one whose retry was due,
/// or one whose last record is a heartbeat of the attempt it was making.
/// </summary>
internal static class InterruptedAttempts
{
    /// <summary>
    /// Counts the interrupted attempts of the steps in <paramref name="starting"/> and returns what each operation
    /// starts from (null entries: nothing recorded); a step that failed for good is left out, its failure queued for
    /// delivery. Null when the run stopped meanwhile.
    /// </summary>
    public static async Task<List<(PendingOperation Operation, JournalEntry? Recorded)>?> CountAsync(
        InstanceRunner runner, IReadOnlyList<(PendingOperation Operation, JournalEntry? Recorded)> starting)
    {
        var now = runner.UtcNow;
        var result = new List<(PendingOperation, JournalEntry?)>(starting.Count);
        var writes = new List<Task<bool>>();
        foreach (var (operation, recorded) in starting)
        {
            if (operation is not IStepAttempts step || Made(recorded, now) is not { } made)
            {
                result.Add((operation, recorded));
                continue;
            }
            var error = new WorkflowError("Workflows.StepAttemptInterrupted",
                $"The process stopped while attempt {made} of step '{operation.Key.Id}' ({step.Name}) of workflow instance '{runner.InstanceId}' ran (a crash, a kill or a shutdown); it counts as failed.", null);
            if (made >= step.MaxAttempts)
            {
                runner.Journal.RecordOutcome(operation, JournalEntryStatus.Failed, null, error with
                {
                    Message = error.Message + $" Its {step.MaxAttempts} attempt(s) are used up, so the step failed instead of running again.",
                }, made);
                continue;
            }
            // The next attempt starts at once: the restart was delay enough.
            var retry = runner.Journal.RetryEntry(operation, made, now, error, recorded is { Status: JournalEntryStatus.Retrying } ? recorded.Result : null);
            writes.Add(runner.Journal.RecordRetryAsync(retry, recorded?.StartedAt ?? now));
            // Started from the first start recorded, so the history dates the step from there.
            result.Add((operation, retry with { StartedAt = recorded?.StartedAt }));
        }
        var written = await Task.WhenAll(writes).ConfigureAwait(false);
        return written.All(ok => ok) ? result : null;
    }

    // The attempts that count as made once the one the previous run may have been making is counted; null when it
    // cannot have been making one (its retry is not due yet).
    private static int? Made(JournalEntry? recorded, DateTime now) => recorded switch
    {
        null => 1,
        { Status: JournalEntryStatus.Retrying, NextAttemptAt: null } => recorded.Attempts, // a heartbeat counts its attempt
        { Status: JournalEntryStatus.Retrying, NextAttemptAt: { } due } when due <= now => recorded.Attempts + 1,
        _ => null,
    };
}
