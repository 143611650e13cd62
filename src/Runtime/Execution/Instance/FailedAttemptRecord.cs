using Workflows.Identity;
using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>
/// The record of one failed attempt of a step, kept for its history: written in the retry's commit under an ID of
/// its own (<see cref="OperationIds.FailedAttempt"/>), never delivered to workflow code or compared on replay.
/// </summary>
internal static class FailedAttemptRecord
{
    /// <summary>The record of the attempt that <paramref name="retry"/> (a step's retrying entry) failed, started at <paramref name="startedAt"/>.</summary>
    public static JournalEntry Of(JournalEntry retry, DateTime startedAt) => retry with
    {
        OperationId = OperationIds.FailedAttempt(retry.OperationId, retry.Attempts),
        Kind = JournalEntryKind.Value,
        Name = OperationIds.AttemptPrefix,
        Scope = "",
        Sequence = 0,
        Status = JournalEntryStatus.Failed,
        NextAttemptAt = null,
        Result = null,
        StartedAt = startedAt,
    };
}
