using Workflows.Diagnostics;
using Workflows.Execution;
using Workflows.Storage;

namespace Workflows;

/// <summary>Counts a recovery of an instance before its run replays, and stops the instance past its limit (see <see cref="Recoveries"/>).</summary>
internal static class RecoveryCounting
{
    /// <summary>
    /// The journal with the new count, and the write of the count, which the run waits for before it replays (not awaited
    /// here: the recoveries of one open are written in group commits); a null write when the instance was stopped instead.
    /// </summary>
    public static async Task<(IReadOnlyList<JournalEntry> Journal, Task? Counted)> CountAsync(WorkflowEngine engine, InstanceRecord instance, IReadOnlyList<JournalEntry> journal, int limit)
    {
        var now = engine.Runtime.Time.GetUtcNow().UtcDateTime;
        var (record, count) = Recoveries.Next(instance, journal, now);
        if (count <= limit)
            return ([.. journal.Where(e => e.OperationId != record.OperationId), record], engine.Store.CommitAsync([new PutJournalEntry(record)]));

        var suspended = instance with { Status = WorkflowStatus.Suspended, StatusReason = Recoveries.StoppedReason(count - 1, limit), UpdatedAt = now };
        await engine.Store.CommitAsync([new UpdateInstance(suspended, WorkflowStatus.Running), new PutJournalEntry(Recoveries.Reset(instance, journal, now))]).ConfigureAwait(false);
        Log.RecoveriesExhausted(engine.Logger, instance.InstanceId, count - 1);
        engine.Work.LetGo(instance.InstanceId, wakeAt: null);
        return (journal, null);
    }
}
