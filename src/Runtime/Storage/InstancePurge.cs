namespace Workflows.Storage;

/// <summary>Deletes finished instances that ended before a cutoff, in batches, one instance per commit.</summary>
internal static class InstancePurge
{
    public static async Task<int> RunAsync(ICheckpointStore store, DateTime endedBefore, WorkflowStatus? status, CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(status, cancellationToken).ConfigureAwait(false);
        var doomed = instances.Where(i => i.Status.IsTerminal() && (i.CompletedAt ?? i.UpdatedAt) < endedBefore).ToList();
        // One commit per instance: the writer groups them into few transactions, and an instance restarted
        // meanwhile (ID reuse) fails alone instead of failing the whole purge.
        var commits = doomed.Select(i => Purge(store, i.InstanceId)).ToList();
        var purged = await Task.WhenAll(commits).ConfigureAwait(false);
        return purged.Count(p => p);
    }

    private static async Task<bool> Purge(ICheckpointStore store, string instanceId)
    {
        try
        {
            await store.CommitAsync([new PurgeInstance(instanceId)]).ConfigureAwait(false);
            return true;
        }
        catch (WorkflowException ex) when (ex is not CheckpointStoreException)
        {
            return false; // It is running again or gone: not ours to delete.
        }
    }
}
