using LiteDB;

namespace Workflows.Storage.LiteDb;

/// <summary>Applies checked mutations to the store's three collections, inside the batch's transaction.</summary>
internal sealed class LiteDbMutationTarget(
    ILiteCollection<BsonDocument> instances, ILiteCollection<BsonDocument> journal, ILiteCollection<BsonDocument> inbox) : IStoreMutationTarget
{
    public void Purge(string instanceId)
    {
        var prefix = StoreKeys.InstancePrefix(instanceId);
        DeleteStartingWith(journal, prefix);
        DeleteStartingWith(inbox, prefix);
        instances.Delete(StoreKeys.Instance(instanceId));
    }

    // An upsert either way: the preconditions were checked, and a first write of a purged ID replaces what is left.
    public void CreateInstance(InstanceRecord instance) => instances.Upsert(LiteDbDocuments.ToDocument(instance));

    public void UpdateInstance(InstanceRecord instance) => instances.Upsert(LiteDbDocuments.ToDocument(instance));

    public void PutJournalEntry(JournalEntry entry, bool isFirstWrite)
    {
        // A first write inserts: one index seek instead of the two of an upsert.
        if (isFirstWrite) journal.Insert(LiteDbDocuments.ToDocument(entry));
        else journal.Upsert(LiteDbDocuments.ToDocument(entry));
    }

    public void PutInboxMessage(InboxMessage message) => inbox.Upsert(LiteDbDocuments.ToDocument(message));

    public void DeleteInboxMessage(string instanceId, string messageId) => inbox.Delete(StoreKeys.Inbox(instanceId, messageId));

    public void DeleteJournal(string instanceId, int execution) => DeleteStartingWith(journal, StoreKeys.JournalPrefix(instanceId, execution));

    private static void DeleteStartingWith(ILiteCollection<BsonDocument> collection, string prefix)
    {
        foreach (var id in StoreKeys.FindStartingWith(collection, prefix).Select(d => d["_id"]).ToList()) collection.Delete(id);
    }
}
