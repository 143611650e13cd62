namespace Workflows.Storage;

/// <summary>
/// Durable storage of instances, their journals and inboxes. Implementations must make every committed batch
/// atomic and durable before its task completes: the engine acknowledges nothing to workflow code earlier.
/// </summary>
public interface ICheckpointStore : IAsyncDisposable
{
    /// <summary>
    /// Applies <paramref name="mutations"/> atomically and durably. Throws (and applies none of them) when a
    /// precondition fails; a commit cannot be cancelled once submitted.
    /// </summary>
    Task CommitAsync(IReadOnlyList<StoreMutation> mutations);

    /// <summary>The instance with this ID, or null.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>All instances, or those in <paramref name="status"/>, ordered by creation time.</summary>
    Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>The journal of one execution of an instance, in no particular order.</summary>
    Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default);

    /// <summary>The unconsumed inbox messages of an instance, oldest first.</summary>
    Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default);
}
