using Workflows.Storage;

namespace Workflows.Execution;

/// <summary>The kind a pending operation's journal entries are recorded with.</summary>
internal static class JournalKinds
{
    public static JournalEntryKind Of(PendingOperation operation) => operation switch
    {
        PendingTimer => JournalEntryKind.Timer,
        PendingEventWait => JournalEntryKind.Event,
        PendingChild => JournalEntryKind.Child,
        PendingMessage => JournalEntryKind.Message,
        { RunsDuringReplay: true } => JournalEntryKind.Scope,
        _ => JournalEntryKind.Step,
    };
}
