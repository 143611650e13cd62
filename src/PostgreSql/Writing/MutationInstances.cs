using Workflows.Storage;

namespace Workflows.PostgreSql.Writing;

/// <summary>Which instance a store mutation touches: the row a commit locks for it.</summary>
internal static class MutationInstances
{
    public static string Of(StoreMutation mutation) => mutation switch
    {
        CreateInstance m => m.Instance.InstanceId,
        UpdateInstance m => m.Instance.InstanceId,
        PutJournalEntry m => m.Entry.InstanceId,
        PutInboxMessage m => m.Message.InstanceId,
        DeleteInboxMessage m => m.InstanceId,
        DeleteJournal m => m.InstanceId,
        PurgeInstance m => m.InstanceId,
        ExpectRunning m => m.InstanceId,
        _ => throw new NotSupportedException($"Unknown store mutation {mutation.GetType().Name}."),
    };
}
