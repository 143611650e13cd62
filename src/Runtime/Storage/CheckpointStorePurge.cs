namespace Workflows.Storage;

/// <summary>Deleting finished instances from any checkpoint store.</summary>
public static class CheckpointStorePurge
{
    /// <summary>
    /// The finished instances (in <paramref name="status"/> when given) that ended before <paramref name="endedBefore"/>:
    /// what <see cref="PurgeFinishedAsync"/> would delete.
    /// </summary>
    public static async Task<IReadOnlyList<InstanceRecord>> FindPurgeableAsync(
        this ICheckpointStore store, DateTime endedBefore, WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var instances = await store.ListInstancesAsync(status, cancellationToken).ConfigureAwait(false);
        return [.. instances.Where(i => i.Status.IsTerminal() && (i.CompletedAt ?? i.UpdatedAt) < endedBefore)];
    }

    /// <summary>
    /// Deletes the finished instances (in <paramref name="status"/> when given) that ended before
    /// <paramref name="endedBefore"/>, with their journals and inboxes; returns how many were deleted. An instance
    /// that runs again meanwhile (its ID was reused) is skipped, never deleted.
    /// </summary>
    public static async Task<int> PurgeFinishedAsync(
        this ICheckpointStore store, DateTime endedBefore, WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        var doomed = await store.FindPurgeableAsync(endedBefore, status, cancellationToken).ConfigureAwait(false);
        // One commit per instance: the writer groups them into few transactions, and an instance restarted
        // meanwhile fails alone instead of failing the whole purge.
        var purged = await Task.WhenAll(doomed.Select(i => TryPurgeAsync(store, i.InstanceId))).ConfigureAwait(false);
        return purged.Count(p => p);
    }

    private static async Task<bool> TryPurgeAsync(ICheckpointStore store, string instanceId)
    {
        try
        {
            await store.CommitAsync([new PurgeInstance(instanceId)]).ConfigureAwait(false);
            return true;
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            return false; // Running again or already gone: not ours to delete.
        }
    }
}
