namespace Workflows.Storage;

/// <summary>
/// The writes a store makes to apply a commit, one per kind of change, once <see cref="StoreMutations.Apply"/> has
/// checked the commit's preconditions; for implementers of <see cref="ICheckpointStore"/>. A new kind of mutation
/// adds a member here, so no store can miss it.
/// </summary>
public interface IStoreMutationTarget
{
    /// <summary>Deletes an instance with its journals and inbox.</summary>
    void Purge(string instanceId);

    /// <summary>Inserts a new instance record (its ID is free, or its terminal holder was purged first).</summary>
    void CreateInstance(InstanceRecord instance);

    /// <summary>Replaces a stored instance record.</summary>
    void UpdateInstance(InstanceRecord instance);

    /// <summary>Inserts or replaces a journal entry; with <paramref name="isFirstWrite"/> none exists yet (see <see cref="PutJournalEntry"/>).</summary>
    void PutJournalEntry(JournalEntry entry, bool isFirstWrite);

    /// <summary>Adds a message to an instance's inbox.</summary>
    void PutInboxMessage(InboxMessage message);

    /// <summary>Removes a message from an instance's inbox.</summary>
    void DeleteInboxMessage(string instanceId, string messageId);

    /// <summary>Removes the journal of one execution of an instance.</summary>
    void DeleteJournal(string instanceId, int execution);
}
