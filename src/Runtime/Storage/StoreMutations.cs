namespace Workflows.Storage;

/// <summary>Applies a commit the same way in every store: preconditions first, then purges, then each change in order.</summary>
public static class StoreMutations
{
    /// <summary>
    /// Checks the preconditions of <paramref name="mutations"/> against <paramref name="readStored"/>, then applies
    /// them to <paramref name="target"/>. Run it inside the store's transaction: on an exception nothing may be kept.
    /// </summary>
    /// <exception cref="WorkflowException">A precondition fails: nothing was applied, and the commit must be rejected as a whole.</exception>
    public static void Apply(IReadOnlyList<StoreMutation> mutations, Func<string, InstanceRecord?> readStored, IStoreMutationTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var id in StorePreconditions.Check(mutations, readStored)) target.Purge(id);
        foreach (var mutation in mutations) Dispatch(mutation, target);
    }

    /// <summary>
    /// Applies one mutation whose commit's preconditions were checked and purges done (a <see cref="PurgeInstance"/>
    /// does nothing here); for stores that check preconditions of their own first.
    /// </summary>
    public static void Dispatch(StoreMutation mutation, IStoreMutationTarget target)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        ArgumentNullException.ThrowIfNull(target);
        switch (mutation)
        {
            case CreateInstance create:
                target.CreateInstance(create.Instance);
                break;
            case UpdateInstance update:
                target.UpdateInstance(update.Instance);
                break;
            case PutJournalEntry put:
                target.PutJournalEntry(put.Entry, put.IsFirstWrite);
                break;
            case PutInboxMessage message:
                target.PutInboxMessage(message.Message);
                break;
            case DeleteInboxMessage delete:
                target.DeleteInboxMessage(delete.InstanceId, delete.MessageId);
                break;
            case DeleteJournal deleteJournal:
                target.DeleteJournal(deleteJournal.InstanceId, deleteJournal.Execution);
                break;
            case PurgeInstance:
                break; // Purged before the mutations were applied.
            case ExpectRunning:
                break; // A precondition only.
            default:
                throw new NotSupportedException($"Unknown store mutation {mutation.GetType().Name}.");
        }
    }
}
