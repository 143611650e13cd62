using System.Globalization;
using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// Counts how often in a row an instance was recovered — resumed after the process that had its store open died (embedded store only, so far) —
/// without recording anything new in between, so an instance whose own code takes the process down (not a step:
/// those count attempts) stops instead of crashing every process that resumes it. The count is a journal record
/// written before the recovered run replays; it holds the number of other records at the time, so any progress since
/// starts the count again. Resumes after a clean stop, and runs this engine let go of itself, are not recoveries.
/// </summary>
internal static class Recoveries
{
    /// <summary>The count record for this recovery, and the count it holds.</summary>
    public static (JournalEntry Record, int Count) Next(InstanceRecord instance, IReadOnlyList<JournalEntry> journal, DateTime now)
    {
        var recorded = journal.FirstOrDefault(e => e.OperationId == OperationIds.Recoveries);
        var records = Records(journal);
        var count = recorded is { Result: { } seen } && int.Parse(seen, CultureInfo.InvariantCulture) == records ? recorded.Attempts + 1 : 1;
        return (Record(instance, records, count, now), count);
    }

    /// <summary>The record that starts the count again (written when the instance is stopped, so a resume gets the full number).</summary>
    public static JournalEntry Reset(InstanceRecord instance, IReadOnlyList<JournalEntry> journal, DateTime now) =>
        Record(instance, Records(journal), 0, now);

    // The records other than the count itself: any new one since the last recovery is progress.
    private static int Records(IReadOnlyList<JournalEntry> journal) => journal.Count(e => e.OperationId != OperationIds.Recoveries);

    /// <summary>Why an instance recovered <paramref name="count"/> times without progress was suspended.</summary>
    public static string StoppedReason(int count, int limit) =>
        $"Recovered {count} times in a row without progress (MaxRecoveryAttempts is {limit}): each time, the process running it died before it recorded anything new, " +
        "so its own code may be what takes the process down. Fix the cause, then ResumeAsync (or 'workflows' tools) lets it run again.";

    private static JournalEntry Record(InstanceRecord instance, int records, int count, DateTime now) => new()
    {
        InstanceId = instance.InstanceId,
        Execution = instance.Execution,
        OperationId = OperationIds.Recoveries,
        Kind = JournalEntryKind.Value,
        Name = "$recoveries",
        Scope = "",
        Status = JournalEntryStatus.Completed,
        Attempts = count,
        Result = records.ToString(CultureInfo.InvariantCulture),
        RecordedAt = now,
    };
}
