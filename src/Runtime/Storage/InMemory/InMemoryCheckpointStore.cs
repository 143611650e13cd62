namespace Workflows.Storage.InMemory;

/// <summary>A checkpoint store that keeps everything in memory: for tests and throwaway runs, not durable.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore, IStoreMutationTarget
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, InstanceRecord> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<(string InstanceId, int Execution), Dictionary<string, JournalEntry>> _journals = [];
    private readonly Dictionary<string, List<InboxMessage>> _inboxes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task CommitAsync(IReadOnlyList<StoreMutation> mutations)
    {
        lock (_gate)
        {
            StoreMutations.Apply(mutations, id => _instances.GetValueOrDefault(id), this);
        }
        return Task.CompletedTask;
    }

    void IStoreMutationTarget.CreateInstance(InstanceRecord instance) => _instances[instance.InstanceId] = instance;

    void IStoreMutationTarget.UpdateInstance(InstanceRecord instance) => _instances[instance.InstanceId] = instance;

    void IStoreMutationTarget.PutJournalEntry(JournalEntry entry, bool isFirstWrite)
    {
        var key = (entry.InstanceId, entry.Execution);
        if (!_journals.TryGetValue(key, out var journal)) _journals[key] = journal = new(StringComparer.Ordinal);
        journal[entry.OperationId] = entry;
    }

    void IStoreMutationTarget.PutInboxMessage(InboxMessage message)
    {
        if (!_inboxes.TryGetValue(message.InstanceId, out var inbox)) _inboxes[message.InstanceId] = inbox = [];
        inbox.Add(message);
    }

    void IStoreMutationTarget.DeleteInboxMessage(string instanceId, string messageId)
    {
        if (_inboxes.TryGetValue(instanceId, out var messages)) messages.RemoveAll(m => m.MessageId == messageId);
    }

    void IStoreMutationTarget.DeleteJournal(string instanceId, int execution) => _journals.Remove((instanceId, execution));

    void IStoreMutationTarget.Purge(string instanceId)
    {
        _instances.Remove(instanceId);
        _inboxes.Remove(instanceId);
        foreach (var key in _journals.Keys.Where(k => k.InstanceId == instanceId).ToList()) _journals.Remove(key);
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_instances.GetValueOrDefault(instanceId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InstanceRecord>> ListInstancesAsync(WorkflowStatus? status = null, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InstanceRecord> list = _instances.Values
                .Where(i => status is null || i.Status == status)
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> LoadJournalAsync(string instanceId, int execution, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> entries = _journals.TryGetValue((instanceId, execution), out var journal) ? journal.Values.ToList() : [];
            return Task.FromResult(entries);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<InboxMessage>> LoadInboxAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<InboxMessage> messages = _inboxes.TryGetValue(instanceId, out var inbox) ? inbox.OrderBy(m => m.ReceivedAt).ToList() : [];
            return Task.FromResult(messages);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
