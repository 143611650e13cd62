namespace Workflows.Storage;

/// <summary>One change in an atomic <see cref="ICheckpointStore.CommitAsync"/>.</summary>
public abstract record StoreMutation;

/// <summary>
/// Creates an instance. Fails with <see cref="WorkflowInstanceExistsException"/> when the ID is taken, unless
/// <paramref name="ReplaceTerminal"/> is set and the existing instance is terminal: then the old instance, its
/// journal and inbox are purged in the same transaction.
/// </summary>
public sealed record CreateInstance(InstanceRecord Instance, bool ReplaceTerminal) : StoreMutation;

/// <summary>
/// Replaces an instance record. Fails with <see cref="WorkflowException"/> when the stored instance is missing or
/// is not in <paramref name="ExpectedStatus"/>, so a late write can never resurrect a finished instance.
/// </summary>
public sealed record UpdateInstance(InstanceRecord Instance, WorkflowStatus ExpectedStatus) : StoreMutation;

/// <summary>
/// Inserts or replaces the journal entry with the same instance, execution and operation ID. With
/// <paramref name="IsFirstWrite"/> the caller states that no such entry exists, so a store may insert without looking
/// first; if it does exist after all, the store either replaces it or fails the whole commit, applying none of it.
/// </summary>
public sealed record PutJournalEntry(JournalEntry Entry, bool IsFirstWrite = false) : StoreMutation
{
    /// <summary>
    /// Whether a client writes it to start a new execution from a recorded one (a reset or retry), in the commit that
    /// moves the instance from an ended or suspended status to that execution: no run writes it, so a store that fences
    /// runs by lease lets it through (the status precondition of the same commit guards it).
    /// </summary>
    public bool IsRerun { get; init; }
}

/// <summary>Adds a message to an instance's inbox.</summary>
public sealed record PutInboxMessage(InboxMessage Message) : StoreMutation;

/// <summary>
/// Changes nothing; fails the commit with <see cref="WorkflowInstanceNotFoundException"/> when the instance is missing
/// and with <see cref="WorkflowException"/> when it has finished, so a message committed with it never lands in the
/// inbox of an instance that will not read it.
/// </summary>
public sealed record ExpectRunning(string InstanceId) : StoreMutation;

/// <summary>Removes a consumed message from an instance's inbox.</summary>
public sealed record DeleteInboxMessage(string InstanceId, string MessageId) : StoreMutation;

/// <summary>Removes the journal of one execution of an instance (a previous execution after continue-as-new).</summary>
public sealed record DeleteJournal(string InstanceId, int Execution) : StoreMutation;

/// <summary>
/// Deletes a finished instance with its journals and inbox. Fails with <see cref="WorkflowException"/> when the
/// instance is missing or still running, so a purge never removes work in progress.
/// </summary>
public sealed record PurgeInstance(string InstanceId) : StoreMutation;
