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

    /// <summary>
    /// One page of the instances that match <paramref name="query"/>, newest first. Stores with indexes answer it
    /// without reading every instance; this default filters <see cref="ListInstancesAsync"/>.
    /// </summary>
    async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = await ListInstancesAsync(query.Status, cancellationToken).ConfigureAwait(false);
        var matches = all.Where(query.Matches).ToList();
        matches.Sort(InstanceCursor.NewestFirst);
        return InstancePage.From(matches, query);
    }

    /// <summary>Counts by workflow and status, and starts and ends per minute at or after <paramref name="since"/>.</summary>
    async Task<InstanceStatistics> GetStatisticsAsync(DateTime since, CancellationToken cancellationToken = default) =>
        InstanceStatistics.Of(await ListInstancesAsync(null, cancellationToken).ConfigureAwait(false), since);

    /// <summary>The journal of one execution of an instance, in no particular order.</summary>
    Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default);

    /// <summary>The unconsumed inbox messages of an instance, oldest first.</summary>
    Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default);
}
