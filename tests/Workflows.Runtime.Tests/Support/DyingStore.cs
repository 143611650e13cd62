using Workflows.Storage;

namespace Workflows.Runtime.Tests.Support;

/// <summary>
/// A store that "dies" at a chosen commit, as a process killed at that moment would: that commit and every later
/// one are never applied and never acknowledged (they fail when the engine is disposed). Reads still work.
/// </summary>
public sealed class DyingStore(ICheckpointStore inner, Func<IReadOnlyList<StoreMutation>, bool> diesAt, bool ownsInner) : ICheckpointStore
{
    private readonly List<TaskCompletionSource> _lost = [];
    private readonly Lock _gate = new();
    private bool _dead;

    public bool IsDead
    {
        get
        {
            lock (_gate) return _dead;
        }
    }

    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        lock (_gate)
        {
            _dead |= diesAt(mutations);
            if (_dead)
            {
                var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _lost.Add(lost);
                return lost.Task;
            }
        }
        return inner.CommitAsync(mutations);
    }

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default) => inner.ListInstancesAsync(status, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default) => inner.LoadJournalAsync(instanceId, execution, cancellationToken);

    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default) => inner.LoadInboxAsync(instanceId, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var lost in _lost) lost.TrySetException(new ObjectDisposedException(nameof(DyingStore), "The process died before this write."));
        }
        if (ownsInner) await inner.DisposeAsync();
    }
}
