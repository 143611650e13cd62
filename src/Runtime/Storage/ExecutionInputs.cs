using Workflows.Identity;

namespace Workflows.Storage;

/// <summary>
/// The inputs of an instance's executions. The record holds the current execution's input; an execution that
/// continued as new keeps its own in its journal (<see cref="OperationIds.ExecutionInput"/>), written in the commit
/// that moves the record on, so every stored execution can be replayed.
/// </summary>
internal static class ExecutionInputs
{
    /// <summary>The entry that keeps <paramref name="ending"/>'s input in its own journal (not a delivery: replay skips it).</summary>
    public static JournalEntry Entry(InstanceRecord ending, DateTime now) => new()
    {
        InstanceId = ending.InstanceId,
        Execution = ending.Execution,
        OperationId = OperationIds.ExecutionInput,
        Kind = JournalEntryKind.Value,
        Name = OperationIds.ExecutionInput,
        Status = JournalEntryStatus.Completed,
        Result = ending.Input,
        RecordedAt = now,
    };

    /// <summary>
    /// The input of <paramref name="execution"/>: the record's for the current one, the kept entry of
    /// <paramref name="journal"/> (that execution's) for an earlier one; null when an earlier execution kept none
    /// (it ended before inputs were kept).
    /// </summary>
    public static string? Of(InstanceRecord instance, int execution, IEnumerable<JournalEntry> journal, out bool known)
    {
        if (execution == instance.Execution)
        {
            known = true;
            return instance.Input;
        }
        var kept = journal.FirstOrDefault(e => e.OperationId == OperationIds.ExecutionInput);
        known = kept is not null;
        return kept?.Result;
    }
}
