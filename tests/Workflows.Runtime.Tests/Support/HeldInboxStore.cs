using Workflows.Storage;

namespace Workflows.Runtime.Tests.Support;

/// <summary>A store whose inbox reads can be held open, as a slow disk or database would: a run that starts loads its stored messages only when released.</summary>
public sealed class HeldInboxStore(ICheckpointStore inner) : ICheckpointStore
{
    private volatile TaskCompletionSource? _hold;

    /// <summary>Reads of the inbox wait from now until <see cref="Release"/>.</summary>
    public void Hold() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Signalled when a read of the inbox waits on the hold.</summary>
    public TaskCompletionSource HeldRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _hold?.TrySetResult();

    public async Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var messages = await inner.LoadInboxAsync(instanceId, cancellationToken);
        if (_hold is { } hold)
        {
            HeldRead.TrySetResult();
            await hold.Task.WaitAsync(cancellationToken);
        }
        return messages;
    }

    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations) => inner.CommitAsync(mutations);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default) => inner.ListInstancesAsync(status, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default) => inner.LoadJournalAsync(instanceId, execution, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
