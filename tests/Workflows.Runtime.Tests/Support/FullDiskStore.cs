using Workflows.Storage;

namespace Workflows.Runtime.Tests.Support;

/// <summary>A store whose writes fail, as on a full disk, while <see cref="IsFull"/> is set; reads always work.</summary>
public sealed class FullDiskStore(ICheckpointStore inner, bool ownsInner) : ICheckpointStore
{
    private int _rejected;

    public bool IsFull { get; set; }

    public int Rejected => Volatile.Read(ref _rejected);

    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        if (!IsFull) return inner.CommitAsync(mutations);
        Interlocked.Increment(ref _rejected);
        return Task.FromException(new CheckpointStoreException(CheckpointStoreError.WriteFailed,
            "Writing to the checkpoint store failed: No space left on device. Nothing of this write was stored.", new IOException("No space left on device")));
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default) => inner.ListInstancesAsync(status, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default) => inner.LoadJournalAsync(instanceId, execution, cancellationToken);

    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadInboxAsync(instanceId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (ownsInner) await inner.DisposeAsync();
    }
}
